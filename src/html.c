/*
** html.c -- HTML output with escaping by default (see html.h).
*/
#include "html.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Append z[0..n) to p with & < > " ' escaped. */
void html_escape(Buf *p, const char *z, size_t n){
  size_t i, j = 0;
  for(i=0; i<n; i++){
    const char *zRep = 0;
    switch( z[i] ){
      case '&':  zRep = "&amp;"; break;
      case '<':  zRep = "&lt;"; break;
      case '>':  zRep = "&gt;"; break;
      case '"':  zRep = "&quot;"; break;
      case '\'': zRep = "&#39;"; break;
      default: continue;
    }
    buf_append(p, z+j, i-j);
    buf_puts(p, zRep);
    j = i+1;
  }
  buf_append(p, z+j, n-j);
}

/* Append z percent-encoded for a URL query component (RFC 3986 unreserved
** characters stay as they are). */
void url_encode(Buf *p, const char *z){
  static const char hex[] = "0123456789ABCDEF";
  for(; *z; z++){
    unsigned char c = (unsigned char)*z;
    if( (c>='a' && c<='z') || (c>='A' && c<='Z') || (c>='0' && c<='9')
     || c=='-' || c=='_' || c=='.' || c=='~' ){
      buf_putc(p, c);
    }else{
      buf_putc(p, '%');
      buf_putc(p, hex[c>>4]);
      buf_putc(p, hex[c&15]);
    }
  }
}

/* The bytes of z a conversion zSpec ("%.10s") takes: all of z, or at most
** its precision (cut back to a whole UTF-8 character). */
static size_t spec_len(const char *zSpec, const char *z){
  size_t n = strlen(z);
  const char *zDot = strchr(zSpec, '.');
  if( zDot==0 ) return n;
  size_t prec = (size_t)strtoul(zDot+1, 0, 10);
  if( prec>=n ) return n;
  while( prec>0 && ((unsigned char)z[prec] & 0xC0)==0x80 ) prec--;
  return prec;
}

/* printf with escaping by default; see html.h for the conversions. */
void html_vprintf(Buf *p, const char *zFmt, va_list ap){
  const char *z = zFmt;
  while( *z ){
    const char *zPct = strchr(z, '%');
    if( zPct==0 ){ buf_puts(p, z); break; }
    buf_append(p, z, (size_t)(zPct - z));
    z = zPct + 1;
    if( *z=='%' ){ buf_putc(p, '%'); z++; continue; }
    /* collect flags, width, precision and length of one conversion */
    char zSpec[32];
    int n = 0;
    zSpec[n++] = '%';
    while( *z && strchr("-+ #0123456789.", *z) && n<20 ) zSpec[n++] = *z++;
    int nLong = 0, isSize = 0;
    while( *z=='l' || *z=='z' || *z=='h' ){
      if( *z=='l' ) nLong++;
      if( *z=='z' ) isSize = 1;
      zSpec[n++] = *z++;
    }
    char c = *z;
    if( c==0 ) fatal("html_printf: truncated format \"%s\"", zFmt);
    z++;
    zSpec[n++] = c;
    zSpec[n] = 0;
    switch( c ){
      case 's': {
        const char *zArg = va_arg(ap, const char*);
        if( zArg ) html_escape(p, zArg, spec_len(zSpec, zArg));
        break;
      }
      case 'r': {
        const char *zArg = va_arg(ap, const char*);
        if( zArg ) buf_append(p, zArg, spec_len(zSpec, zArg));
        break;
      }
      case 'U': {
        const char *zArg = va_arg(ap, const char*);
        if( zArg ) url_encode(p, zArg);
        break;
      }
      case 'd': case 'i': case 'u': case 'x': case 'X': case 'c':
        if( isSize ) buf_printf(p, zSpec, va_arg(ap, size_t));
        else if( nLong>=2 ) buf_printf(p, zSpec, va_arg(ap, long long));
        else if( nLong==1 ) buf_printf(p, zSpec, va_arg(ap, long));
        else buf_printf(p, zSpec, va_arg(ap, int));
        break;
      case 'f': case 'g': case 'e': case 'G': case 'E':
        buf_printf(p, zSpec, va_arg(ap, double));
        break;
      default:
        fatal("html_printf: unsupported conversion %%%c in \"%s\"", c, zFmt);
    }
  }
}

/* printf with escaping by default; see html.h. */
void html_printf(Buf *p, const char *zFmt, ...){
  va_list ap;
  va_start(ap, zFmt);
  html_vprintf(p, zFmt, ap);
  va_end(ap);
}
