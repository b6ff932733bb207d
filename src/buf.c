/*
** buf.c -- implementation of the growable byte buffer (see buf.h).
*/
#include "buf.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Make p an empty buffer that owns nothing. */
void buf_init(Buf *p){
  p->a = 0; p->n = 0; p->cap = 0;
}

/* Release the memory p owns and make it empty again. */
void buf_free(Buf *p){
  free(p->a);
  buf_init(p);
}

/* Forget the content of p but keep its memory for reuse. */
void buf_reset(Buf *p){
  p->n = 0;
  if( p->a ) p->a[0] = 0;
}

/* Make room for nMore bytes plus the terminating NUL. Aborts on overflow
** or out-of-memory. */
void buf_grow(Buf *p, size_t nMore){
  size_t need;
  if( nMore > ((size_t)-1)/2 - p->n ) fatal("buffer size overflow");
  need = p->n + nMore + 1;
  if( need <= p->cap ) return;
  size_t cap = p->cap ? p->cap : 64;
  while( cap < need ) cap *= 2;
  char *a = realloc(p->a, cap);
  if( a==0 ) fatal("out of memory (%zu bytes)", cap);
  p->a = a;
  p->cap = cap;
}

/* The slow path of buf_append() (buf.h): grow, then append n bytes of z. */
void buf_append_slow(Buf *p, const void *z, size_t n){
  buf_grow(p, n);
  if( n ) memcpy(p->a + p->n, z, n);
  p->n += n;
  p->a[p->n] = 0;
}

/* Append the code point cp encoded as UTF-8 (invalid values become U+FFFD). */
void buf_put_cp(Buf *p, unsigned cp){
  char z[4];
  buf_append(p, z, utf8_encode(cp, z));
}

/* Append printf-formatted text. */
void buf_vprintf(Buf *p, const char *zFmt, va_list ap){
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(0, 0, zFmt, ap2);
  va_end(ap2);
  if( n<0 ) fatal("bad format string");
  buf_grow(p, (size_t)n);
  vsnprintf(p->a + p->n, (size_t)n + 1, zFmt, ap);
  p->n += (size_t)n;
}

/* Append printf-formatted text. */
void buf_printf(Buf *p, const char *zFmt, ...){
  va_list ap;
  va_start(ap, zFmt);
  buf_vprintf(p, zFmt, ap);
  va_end(ap);
}

/* The content as a NUL-terminated string; "" for an empty buffer. The
** pointer stays owned by p and is valid until p is next changed. */
const char *buf_str(Buf *p){
  if( p->a==0 ) buf_grow(p, 0), p->a[0] = 0;
  return p->a;
}

/* Hand the content to the caller, who must free() it; p becomes empty.
** Never returns NULL. */
char *buf_detach(Buf *p){
  buf_str(p);
  char *z = p->a;
  buf_init(p);
  return z;
}
