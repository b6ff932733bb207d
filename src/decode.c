/*
** decode.c -- bytes to UTF-8 text: UTF-8 (with or without BOM), UTF-16LE/BE
** with BOM, else GB18030 (a superset of GBK and GB2312) through glibc iconv.
** Binary input is refused with the offset of the first byte that is not
** text.
*/
#include "decode.h"
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>

/* Offset of the first byte in a[0..n) that cannot be in a text file (NUL or
** a C0 control other than TAB LF VT FF CR and ESC-free), or n when none. A
** few stray controls are tolerated in long text (scraped pages carry them)
** but any NUL is binary. */
static size_t first_binary_byte(const unsigned char *a, size_t n){
  size_t nCtl = 0, iFirst = n;
  for(size_t i=0; i<n; i++){
    /* eight bytes at a time while none is below 0x20 (the usual case) */
    while( i+8<=n ){
      uint64_t w;
      memcpy(&w, a+i, 8);
      if( ((w - 0x2020202020202020ULL) & ~w & 0x8080808080808080ULL)!=0 ) break;
      i += 8;
    }
    if( i>=n ) break;
    unsigned c = a[i];
    if( c==0 ) return i;
    if( c<0x20 && c!='\t' && c!='\n' && c!='\r' && c!='\f' && c!='\v' ){
      if( iFirst==n ) iFirst = i;
      nCtl++;
    }
  }
  if( nCtl>0 && (nCtl>8 || nCtl*1000 > n) ) return iFirst;
  return n;
}

/* Decode UTF-16 (big-endian when bBE) after its BOM into out. Returns 0, or
** the byte offset+1 of the first bad unit. */
static size_t decode_utf16(const unsigned char *a, size_t n, int bBE, Buf *out){
  size_t i = 2;
  while( i+1 < n ){
    unsigned u = bBE ? (a[i]<<8 | a[i+1]) : (a[i+1]<<8 | a[i]);
    size_t at = i;
    i += 2;
    if( u>=0xD800 && u<=0xDBFF ){
      if( i+1 >= n ) return at+1;
      unsigned u2 = bBE ? (a[i]<<8 | a[i+1]) : (a[i+1]<<8 | a[i]);
      if( u2<0xDC00 || u2>0xDFFF ) return at+1;
      i += 2;
      u = 0x10000 + ((u-0xD800)<<10) + (u2-0xDC00);
    }else if( u>=0xDC00 && u<=0xDFFF ){
      return at+1;
    }
    if( u==0 ) return at+1;
    buf_put_cp(out, u);
  }
  if( i<n ) return i+1;
  return 0;
}

/* Convert n bytes a[] from charset zFrom to UTF-8, appending to out.
** Strict (bLenient==0): stops at the first byte that does not convert and
** returns its offset + 1.  Lenient: replaces each such byte with U+FFFD and
** returns how many were replaced.  Returns 0 when all converted, and
** (size_t)-1 when iconv does not know zFrom. */
size_t iconv_to_utf8(const char *zFrom, const unsigned char *a, size_t n, Buf *out, int bLenient){
  iconv_t cd = iconv_open("UTF-8", zFrom);
  if( cd==(iconv_t)-1 ) return (size_t)-1;
  char *zIn = (char*)a;
  size_t nIn = n;
  size_t nBad = 0;
  while( nIn>0 ){
    buf_grow(out, nIn*2 + 16);
    char *zOut = out->a + out->n;
    size_t nOut = out->cap - out->n - 1;
    size_t rc = iconv(cd, &zIn, &nIn, &zOut, &nOut);
    out->n = (size_t)(zOut - out->a);
    out->a[out->n] = 0;
    if( rc==(size_t)-1 ){
      if( errno==E2BIG ) continue;
      if( !bLenient ){ nBad = (size_t)(zIn - (char*)a) + 1; break; }
      buf_put_cp(out, 0xFFFD);
      nBad++;
      zIn++;
      nIn--;
      iconv(cd, 0, 0, 0, 0);
    }
  }
  iconv_close(cd);
  return nBad;
}

/* Decode n bytes a[] of a file called zName into out (UTF-8, BOM removed).
** Sets *pzEnc to the encoding's name. On failure sets e to
** "NAME: not text (byte N)" and returns nonzero. */
int decode_text(const char *zName, const unsigned char *a, size_t n,
                Buf *out, const char **pzEnc, Err *e){
  size_t bad;
  buf_reset(out);
  if( n>=2 && ((a[0]==0xFF && a[1]==0xFE) || (a[0]==0xFE && a[1]==0xFF)) ){
    int bBE = a[0]==0xFE;
    *pzEnc = bBE ? "UTF-16BE" : "UTF-16LE";
    bad = decode_utf16(a, n, bBE, out);
    if( bad ) return err_set(e, ERR_INPUT, "%s: not %s text (byte %zu)", zName, *pzEnc, bad-1);
    return 0;
  }
  size_t iBin = first_binary_byte(a, n);
  if( iBin<n ) return err_set(e, ERR_INPUT, "%s: not text (byte %zu)", zName, iBin);
  size_t skip = (n>=3 && a[0]==0xEF && a[1]==0xBB && a[2]==0xBF) ? 3 : 0;
  if( utf8_valid_prefix(a+skip, n-skip)==n-skip ){
    *pzEnc = "UTF-8";
    buf_append(out, a+skip, n-skip);
    return 0;
  }
  if( skip ){
    size_t at = skip + utf8_valid_prefix(a+skip, n-skip);
    return err_set(e, ERR_INPUT, "%s: not UTF-8 text (byte %zu)", zName, at);
  }
  *pzEnc = "GB18030";
  bad = iconv_to_utf8("GB18030", a, n, out, 0);
  if( bad ){
    buf_reset(out);
    return err_set(e, ERR_INPUT, "%s: not text (byte %zu)", zName, bad-1);
  }
  return 0;
}
