/*
** util.c -- the error path, memory helpers, UTF-8 codec, files, SHA-256,
** option parsing and the (settable) clock.
*/
#include "util.h"
#include <errno.h>
#include <openssl/sha.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Record an error in e (which may be NULL) and return -1. */
int err_set(Err *e, int code, const char *zFmt, ...){
  if( e ){
    va_list ap;
    va_start(ap, zFmt);
    e->code = code;
    vsnprintf(e->zMsg, sizeof(e->zMsg), zFmt, ap);
    va_end(ap);
  }
  return -1;
}

/* Reset e to "no error". */
void err_clear(Err *e){
  e->code = 0;
  e->zMsg[0] = 0;
}

/* Print "luoshi: MESSAGE" to stderr and exit(1). For programming errors and
** out-of-memory only; input errors go through Err. */
void fatal(const char *zFmt, ...){
  va_list ap;
  va_start(ap, zFmt);
  fputs("luoshi: ", stderr);
  vfprintf(stderr, zFmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(1);
}

/* malloc() that never returns NULL. Caller frees. */
void *xmalloc(size_t n){
  void *p = malloc(n ? n : 1);
  if( p==0 ) fatal("out of memory (%zu bytes)", n);
  return p;
}

/* calloc() that never returns NULL. Caller frees. */
void *xcalloc(size_t n, size_t sz){
  void *p = calloc(n ? n : 1, sz ? sz : 1);
  if( p==0 ) fatal("out of memory");
  return p;
}

/* realloc() that never returns NULL. */
void *xrealloc(void *p, size_t n){
  p = realloc(p, n ? n : 1);
  if( p==0 ) fatal("out of memory (%zu bytes)", n);
  return p;
}

/* strdup() that never returns NULL (and maps NULL to NULL). Caller frees. */
char *xstrdup(const char *z){
  return z ? xstrndup(z, strlen(z)) : 0;
}

/* Copy of the first n bytes of z, NUL-terminated. Caller frees. */
char *xstrndup(const char *z, size_t n){
  char *p = xmalloc(n + 1);
  memcpy(p, z, n);
  p[n] = 0;
  return p;
}

/* printf into a new string. Caller frees. */
char *xprintf(const char *zFmt, ...){
  va_list ap, ap2;
  va_start(ap, zFmt);
  va_copy(ap2, ap);
  int n = vsnprintf(0, 0, zFmt, ap);
  va_end(ap);
  char *z = xmalloc((size_t)n + 1);
  vsnprintf(z, (size_t)n + 1, zFmt, ap2);
  va_end(ap2);
  return z;
}

/* Grow an array for ARRAY_PUSH: doubles *pnAlloc. Returns the new block. */
void *array_grow(void *a, int *pnAlloc, size_t sz){
  int n = *pnAlloc ? *pnAlloc * 2 : 16;
  if( n <= *pnAlloc ) fatal("array too large");
  a = xrealloc(a, (size_t)n * sz);
  *pnAlloc = n;
  return a;
}

/* Decode one UTF-8 character from z[0..n). Returns its length in bytes
** (1..4) and stores the code point in *pCp, or returns 0 when the bytes are
** not a valid, shortest-form UTF-8 character. */
int utf8_decode(const unsigned char *z, size_t n, unsigned *pCp){
  unsigned c;
  int len, i;
  if( n==0 ) return 0;
  c = z[0];
  if( c < 0x80 ){ *pCp = c; return 1; }
  if( c < 0xC2 ) return 0;
  if( c < 0xE0 ){ len = 2; c &= 0x1F; }
  else if( c < 0xF0 ){ len = 3; c &= 0x0F; }
  else if( c < 0xF5 ){ len = 4; c &= 0x07; }
  else return 0;
  if( (size_t)len > n ) return 0;
  for(i=1; i<len; i++){
    if( (z[i] & 0xC0)!=0x80 ) return 0;
    c = (c<<6) | (z[i] & 0x3F);
  }
  if( (len==3 && c<0x800) || (len==4 && (c<0x10000 || c>0x10FFFF)) ) return 0;
  if( c>=0xD800 && c<=0xDFFF ) return 0;
  *pCp = c;
  return len;
}

/* Encode cp as UTF-8 into z (room for 4 bytes); returns the length.
** Surrogates and values past U+10FFFF become U+FFFD. */
int utf8_encode(unsigned cp, char *z){
  unsigned char *u = (unsigned char*)z;
  if( cp>0x10FFFF || (cp>=0xD800 && cp<=0xDFFF) ) cp = 0xFFFD;
  if( cp<0x80 ){ u[0] = (unsigned char)cp; return 1; }
  if( cp<0x800 ){
    u[0] = (unsigned char)(0xC0 | (cp>>6));
    u[1] = (unsigned char)(0x80 | (cp&0x3F));
    return 2;
  }
  if( cp<0x10000 ){
    u[0] = (unsigned char)(0xE0 | (cp>>12));
    u[1] = (unsigned char)(0x80 | ((cp>>6)&0x3F));
    u[2] = (unsigned char)(0x80 | (cp&0x3F));
    return 3;
  }
  u[0] = (unsigned char)(0xF0 | (cp>>18));
  u[1] = (unsigned char)(0x80 | ((cp>>12)&0x3F));
  u[2] = (unsigned char)(0x80 | ((cp>>6)&0x3F));
  u[3] = (unsigned char)(0x80 | (cp&0x3F));
  return 4;
}

/* Length in bytes of the longest prefix of z[0..n) that is valid UTF-8. */
size_t utf8_valid_prefix(const unsigned char *z, size_t n){
  size_t i = 0;
  unsigned cp;
  while( i<n ){
    if( z[i]<0x80 ){ i++; continue; }
    /* fast path for the common 3-byte characters (U+0800..U+FFFF, not
    ** surrogates): lead E1..EC or EE..EF with two continuation bytes,
    ** tested on the four bytes at once */
    while( i+3<=n ){
      uint32_t w = (uint32_t)z[i] | (uint32_t)z[i+1]<<8 | (uint32_t)z[i+2]<<16;
      unsigned lead = w & 0xFF;
      if( lead-0xE1u>0x0Eu || lead==0xED || (w & 0xC0C000u)!=0x808000u ) break;
      i += 3;
    }
    if( i>=n || z[i]<0x80 ) continue;
    int k = utf8_decode(z+i, n-i, &cp);
    if( k==0 ) break;
    i += (size_t)k;
  }
  return i;
}

/* Number of code points in the (valid) UTF-8 text z[0..n). */
size_t utf8_count(const char *z, size_t n){
  size_t i = 0, c = 0;
  /* eight bytes at a time: a byte starts a character unless it is
  ** 10xxxxxx, i.e. unless bit 7 is set and bit 6 clear */
  for(; i+8<=n; i+=8){
    uint64_t w;
    memcpy(&w, z+i, 8);
    uint64_t t = ((~w >> 7) | (w >> 6)) & 0x0101010101010101ULL;
    c += (size_t)((t * 0x0101010101010101ULL) >> 56);   /* sum of the bytes */
  }
  for(; i<n; i++) if( ((unsigned char)z[i] & 0xC0)!=0x80 ) c++;
  return c;
}

/* Length in bytes of the first nCp code points of the NUL-terminated UTF-8
** text z (all of z when it is shorter). */
size_t utf8_prefix(const char *z, int nCp){
  const char *s = z;
  for(int c=0; *s && c<nCp; c++){
    s++;
    while( ((unsigned char)*s & 0xC0)==0x80 ) s++;
  }
  return (size_t)(s - z);
}

/* z cut to at most nCp code points, with "…" when cut. Caller frees. */
char *utf8_cut(const char *z, int nCp){
  size_t n = utf8_prefix(z, nCp);
  return z[n] ? xprintf("%.*s…", (int)n, z) : xstrdup(z);
}

/* Read a whole file ("-" is stdin) into a new NUL-terminated block *pz
** (caller frees) of *pn bytes. On failure sets e naming the file. */
int read_file(const char *zPath, char **pz, size_t *pn, Err *e){
  FILE *f = strcmp(zPath, "-")==0 ? stdin : fopen(zPath, "rb");
  if( f==0 ) return err_set(e, ERR_INPUT, "%s: %s", zPath, strerror(errno));
  size_t cap = 65536, n = 0;
  char *z = xmalloc(cap);
  for(;;){
    if( n + 1 >= cap ){ cap *= 2; z = xrealloc(z, cap); }
    size_t got = fread(z + n, 1, cap - n - 1, f);
    n += got;
    if( got==0 ) break;
  }
  int bad = ferror(f);
  if( f!=stdin ) fclose(f);
  if( bad ){
    free(z);
    return err_set(e, ERR_INPUT, "%s: read error", zPath);
  }
  z[n] = 0;
  *pz = z;
  *pn = n;
  return 0;
}

/* SHA-256 of p[0..n) as lowercase hex into zOut (65 bytes with the NUL).
** OpenSSL's libcrypto, for its SHA-NI/AVX2 code: five times the speed of
** libsodium's portable SHA-256 on a report. */
void sha256_hex(const void *p, size_t n, char zOut[65]){
  unsigned char h[SHA256_DIGEST_LENGTH];
  static const char hex[] = "0123456789abcdef";
  SHA256(p, n, h);
  for(int i=0; i<32; i++){
    zOut[2*i] = hex[h[i]>>4];
    zOut[2*i+1] = hex[h[i]&15];
  }
  zOut[64] = 0;
}

/* Look for option zName ("--year") in argv[1..*pArgc). When found, remove
** it (and its value when hasArg) from argv and return the value, or "" for a
** flag. "--name=value" is accepted too. Returns NULL when absent; calls
** fatal() when a value is missing. Arguments after "--" are not options. */
const char *find_option(int *pArgc, char **argv, const char *zName, int hasArg){
  size_t nName = strlen(zName);
  for(int i=1; i<*pArgc; i++){
    const char *z = argv[i];
    const char *zVal = 0;
    int nDel = 1;
    if( strcmp(z, "--")==0 ) break;
    if( strncmp(z, zName, nName)!=0 ) continue;
    if( z[nName]==0 ){
      if( hasArg ){
        if( i+1 >= *pArgc ) fatal("option %s needs a value", zName);
        zVal = argv[i+1];
        nDel = 2;
      }else{
        zVal = "";
      }
    }else if( z[nName]=='=' && hasArg ){
      zVal = z + nName + 1;
    }else{
      continue;
    }
    memmove(&argv[i], &argv[i+nDel], sizeof(char*) * (size_t)(*pArgc - i - nDel + 1));
    *pArgc -= nDel;
    return zVal;
  }
  return 0;
}

/* After all find_option() calls: fail on any remaining "--option", and
** drop a "--" separator. Returns 0 when all is well. */
int verify_all_options(int argc, char **argv, Err *e){
  for(int i=1; i<argc; i++){
    if( strcmp(argv[i], "--")==0 ){
      memmove(&argv[i], &argv[i+1], sizeof(char*) * (size_t)(argc - i));
      return 0;
    }
    if( argv[i][0]=='-' && argv[i][1]=='-' ){
      return err_set(e, ERR_INPUT, "unknown option: %s", argv[i]);
    }
  }
  return 0;
}

static char zToday[11];

/* Set the clock used by today() (YYYY-MM-DD), for tests and demos. */
void set_today(const char *zDate){
  if( zDate==0 ){ zToday[0] = 0; return; }
  if( !date_valid(zDate) ) fatal("bad date for --today: %s (want YYYY-MM-DD)", zDate);
  memcpy(zToday, zDate, 10);
  zToday[10] = 0;
}

/* Today's date as "YYYY-MM-DD": the value set by set_today(), else
** LUOSHI_TODAY, else the local clock (read at every call). The string is
** static (per thread for the clock). */
const char *today(void){
  if( zToday[0] ) return zToday;
  const char *z = getenv("LUOSHI_TODAY");
  if( z && z[0] ){ set_today(z); return zToday; }
  /* the clock: read each time (a server runs past midnight), per thread */
  static __thread char zClock[11];
  time_t t = time(0);
  struct tm tm;
  localtime_r(&t, &tm);
  strftime(zClock, sizeof(zClock), "%Y-%m-%d", &tm);
  return zClock;
}

/* True when z is a real calendar date written YYYY-MM-DD. */
int date_valid(const char *z){
  static const int mdays[] = {31,28,31,30,31,30,31,31,30,31,30,31};
  if( z==0 || strlen(z)!=10 || z[4]!='-' || z[7]!='-' ) return 0;
  for(int i=0; i<10; i++){
    if( i==4 || i==7 ) continue;
    if( z[i]<'0' || z[i]>'9' ) return 0;
  }
  int y = atoi(z), m = atoi(z+5), d = atoi(z+8);
  if( y<1900 || y>2999 || m<1 || m>12 || d<1 ) return 0;
  int md = mdays[m-1];
  if( m==2 && ((y%4==0 && y%100!=0) || y%400==0) ) md = 29;
  return d<=md;
}
