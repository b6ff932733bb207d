/*
** formats.c -- what the format readers share: the line writer that turns
** a stream of inline text, cell and line breaks into the plain text of a
** report (see formats.h), and character classes.
*/
#include "formats.h"
#include <string.h>

/* True for code points of CJK text and full-width forms, around which a
** collapsed space is dropped: CJK punctuation and ideographs (U+2E80 and
** up, which includes U+3000-U+303F, kana, U+4E00-U+9FFF, U+F900-U+FAFF and
** the full-width forms U+FF00-U+FFEF) and general punctuation such as “”
** — … (U+2010-U+206F). */
int cp_is_wide(unsigned cp){
  return cp>=0x2E80 || (cp>=0x2010 && cp<=0x206F);
}

/* True for white space: ASCII blanks, NBSP, the Unicode spaces U+2000 to
** U+200A, U+202F, U+205F and the ideographic space U+3000. */
int cp_is_space(unsigned cp){
  return cp==' ' || cp=='\t' || cp=='\n' || cp=='\r' || cp=='\f' || cp=='\v'
      || cp==0xA0 || (cp>=0x2000 && cp<=0x200A) || cp==0x202F || cp==0x205F
      || cp==0x3000;
}

/* True for a CJK unified ideograph (basic block, extension A, compatibility
** ideographs and the supplementary planes' extensions). */
int cp_is_han(unsigned cp){
  return (cp>=0x4E00 && cp<=0x9FFF) || (cp>=0x3400 && cp<=0x4DBF)
      || (cp>=0xF900 && cp<=0xFAFF) || (cp>=0x20000 && cp<=0x3134F);
}

/* See formats.h. Invalid bytes count as nothing. */
int count_han(const char *z, size_t n){
  int nHan = 0;
  size_t i = 0;
  while( i<n ){
    unsigned cp;
    int k = utf8_decode((const unsigned char*)z+i, n-i, &cp);
    if( k<=0 ){ i++; continue; }
    if( cp_is_han(cp) ) nHan++;
    i += (size_t)k;
  }
  return nHan;
}

/* True for code points that are dropped from the text: C0 and C1
** controls, DEL, zero-width spaces and joiners, the BOM, soft hyphen,
** and U+FFFE/U+FFFF. */
static int cp_is_dropped(unsigned cp){
  return cp<0x20 || (cp>=0x7F && cp<=0x9F) || cp==0xAD
      || (cp>=0x200B && cp<=0x200D) || cp==0x2060 || cp==0xFEFF
      || cp==0xFFFE || cp==0xFFFF;
}

/* Start an empty writer on out (out is not reset). */
void tw_init(TextWriter *w, Buf *out){
  memset(w, 0, sizeof(*w));
  w->out = out;
  w->iLine = out->n;
}

/* Append one visible code point to the current line, writing a pending
** tab or space first. */
static void tw_put(TextWriter *w, unsigned cp){
  if( w->cpLast!=0 ){
    if( w->bTab ){
      buf_putc(w->out, '\t');
    }else if( w->bSpace && !cp_is_wide(w->cpLast) && !cp_is_wide(cp) ){
      buf_putc(w->out, ' ');
    }
  }
  w->bTab = w->bSpace = 0;
  buf_put_cp(w->out, cp);
  w->cpLast = cp;
}

/* Append n bytes of inline UTF-8 text at z to the current line. Runs of
** white space become one pending space; controls and invalid bytes are
** dropped. */
void tw_text(TextWriter *w, const char *z, size_t n){
  size_t i = 0;
  while( i<n ){
    unsigned cp;
    int k = utf8_decode((const unsigned char*)z+i, n-i, &cp);
    if( k<=0 ){ i++; continue; }
    i += (size_t)k;
    if( cp_is_space(cp) ){
      w->bSpace = 1;
    }else if( !cp_is_dropped(cp) ){
      tw_put(w, cp);
    }
  }
}

/* A word boundary: a space before the next text on this line (dropped
** next to Chinese text and at the start of a line). */
void tw_space(TextWriter *w){
  w->bSpace = 1;
}

/* A table cell boundary: one tab before the next text on this line. Empty
** cells write nothing. */
void tw_cell(TextWriter *w){
  w->bTab = 1;
}

/* End the current line when it has text (writing "\n"), unless the drop
** callback rejects it, in which case the line is removed. */
void tw_line(TextWriter *w){
  if( w->cpLast!=0 ){
    if( w->xDrop && w->xDrop(w->out->a + w->iLine, w->out->n - w->iLine, w->pArg) ){
      w->out->n = w->iLine;
      w->out->a[w->out->n] = 0;
    }else{
      buf_putc(w->out, '\n');
    }
  }
  w->iLine = w->out->n;
  w->cpLast = 0;
  w->bSpace = w->bTab = 0;
}
