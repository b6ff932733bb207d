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
void buf_append(Buf *p, const void *z, size_t n);
void buf_puts(Buf *p, const char *z);
void buf_putc(Buf *p, int c);
void buf_put_cp(Buf *p, unsigned cp);
void buf_printf(Buf *p, const char *zFmt, ...)
  __attribute__((format(printf, 2, 3)));
void buf_vprintf(Buf *p, const char *zFmt, va_list ap);
const char *buf_str(Buf *p);
char *buf_detach(Buf *p);

#endif
