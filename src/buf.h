/*
** buf.h -- the one growable byte buffer of luoshi.
**
** A Buf owns a heap block that is always NUL-terminated (once anything was
** appended), so b.a can be used as a C string.  Appending never fails: on
** out-of-memory the process aborts with a message (see util.c fatal()).
*/
#ifndef LUOSHI_BUF_H
#define LUOSHI_BUF_H
#include <stdarg.h>
#include <stddef.h>

typedef struct Buf Buf;
struct Buf {
  char *a;      /* the bytes, NUL-terminated; NULL while empty and unused */
  size_t n;     /* bytes used, not counting the NUL */
  size_t cap;   /* bytes allocated */
};

#define BUF_INIT {0, 0, 0}

void buf_init(Buf *p);
void buf_free(Buf *p);
void buf_reset(Buf *p);
void buf_grow(Buf *p, size_t nMore);
void buf_append_slow(Buf *p, const void *z, size_t n);
void buf_put_cp(Buf *p, unsigned cp);
void buf_printf(Buf *p, const char *zFmt, ...)
  __attribute__((format(printf, 2, 3)));
void buf_vprintf(Buf *p, const char *zFmt, va_list ap);
const char *buf_str(Buf *p);
char *buf_detach(Buf *p);

/* Append n bytes of z.  (Inline: the JSON writer and the cleaner append
** a few bytes at a time; only a full buffer takes the call.) */
static inline void buf_append(Buf *p, const void *z, size_t n){
  if( p->n + n + 1 > p->cap || n > p->cap ){ buf_append_slow(p, z, n); return; }
  if( n ) __builtin_memcpy(p->a + p->n, z, n);
  p->n += n;
  p->a[p->n] = 0;
}

/* Append the NUL-terminated string z. */
static inline void buf_puts(Buf *p, const char *z){
  buf_append(p, z, __builtin_strlen(z));
}

/* Append one byte. */
static inline void buf_putc(Buf *p, int c){
  if( p->n + 2 > p->cap ) buf_grow(p, 1);
  p->a[p->n++] = (char)c;
  p->a[p->n] = 0;
}

#endif
