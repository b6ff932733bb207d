/*
** xtext.h -- internals shared by the stages of the extractor (clean.c,
** outline.c, tasks.c, targets.c, deadline.c, extract.c).  Not used outside
** the extractor.
**
** The stages do not work on the source text itself but on the "clean text"
** P: one paragraph per line, page furniture and web chrome removed, entities
** and escapes decoded, paragraphs cut by page breaks joined.  An offset map
** (Xmap) leads every byte of P back to a byte of the source, so that every
** item can be given as a span of the source text.
*/
#ifndef LUOSHI_XTEXT_H
#define LUOSHI_XTEXT_H
#include "extract.h"
#include <stdint.h>
#include <string.h>

/* An offset map from a derived text back to the text it came from: anchor
** k says that byte aDst[k] of the derived text is byte aSrc[k] of the
** original, and the bytes after it follow one for one until the next
** anchor. */
typedef struct Xmap Xmap;
struct Xmap {
  int *aDst;         /* derived-text offsets, ascending */
  int *aSrc;         /* the matching original-text offsets */
  int n;             /* anchors used */
  int nAlloc;        /* anchors allocated */
};

/* Kinds of paragraph in the clean text. */
#define PARA_BODY    0   /* ordinary text of the report */
#define PARA_FRONT   1   /* title block: title, date line, speaker */
#define PARA_GREET   2   /* 各位代表： and the opening sentence */
#define PARA_CLOSE   3   /* the closing exhortation */

typedef struct Para Para;
struct Para {
  int iStart, iEnd;  /* bytes of P, without the '\n' */
  int kind;          /* PARA_* */
  int iNode;         /* node whose heading opens this paragraph, or -1 */
  int iBody;         /* P offset where the text after the heading starts */
  int iOwner;        /* innermost node the body belongs to, or -1 */
  int partKind;      /* PART_* of the body */
  int bRunIn;        /* the first sentence is an unnumbered run-in heading */
  int iInline;       /* first of its inline headings in Ctx.aInline, or -1 */
  int nInline;       /* how many ("。一是扮靓城市颜值。…二是…") */
};

/* An inline heading: "一是X。" opening a sentence inside a paragraph of a
** plan section; the sentences after it, up to the next one, are its tasks. */
typedef struct Inline Inline;
struct Inline {
  int iStart;        /* P offset where "一是" starts */
  int iEnd;          /* P offset after its 。 */
  int iNode;         /* the node made for it */
};

/* What a heading names as the period of the tasks under it (tasks.c). */
typedef struct HeadDl HeadDl;
struct HeadDl {
  int state;          /* 0 not asked yet, 1 none, 2 d holds it */
  XDeadline d;
};

typedef struct Ctx Ctx;
struct Ctx {
  Extraction *p;     /* the result being built */
  Buf W;             /* normalized text (escapes, entities, spaces) */
  Xmap mW;           /* W -> source bytes */
  Buf P;             /* clean text, one paragraph per line */
  Xmap mP;           /* P -> W bytes */
  Para *aPara; int nPara; int nParaAlloc;
  Inline *aInline; int nInline; int nInlineAlloc;
  int *aCk;          /* aCk[k] = code points before source byte k*CK_STEP */
  int nCk;
  int iLastByte;     /* the last source byte src_cp() converted ... */
  int iLastCp;       /* ... and its code point index */
  XDeadline listScope;  /* the deadline of an open goal list ("以下主要目标") */
  int bListScope;       /* 1 while such a list is open (tasks.c) */
  int bListInline;      /* the list runs inside a sentence, items ending in ； */
  char zYearEnd[11];    /* "YYYY-12-31" of the plan year (tasks.c) */
  char zYearWord[8];    /* "YYYY年" of the plan year (tasks.c) */
  HeadDl *aHeadDl;      /* per node: the period its heading names (tasks.c) */
};
#define CK_STEP 64

/* Decode the UTF-8 character at z (valid UTF-8 assumed); *pn gets its
** length.  At a NUL returns 0 with *pn = 0. */
static inline unsigned u8(const char *z, int *pn){
  const unsigned char *u = (const unsigned char*)z;
  if( u[0]<0x80 ){ *pn = u[0] ? 1 : 0; return u[0]; }
  if( u[0]<0xE0 ){ *pn = 2; return ((u[0]&0x1F)<<6) | (u[1]&0x3F); }
  if( u[0]<0xF0 ){ *pn = 3; return ((u[0]&0x0F)<<12) | ((u[1]&0x3F)<<6) | (u[2]&0x3F); }
  *pn = 4;
  return ((u[0]&0x07)<<18) | ((u[1]&0x3F)<<12) | ((u[2]&0x3F)<<6) | (u[3]&0x3F);
}

/* Length of the UTF-8 character whose lead byte is c (1 for a stray
** continuation byte, so that scans always advance). */
static inline int u8_len(unsigned char c){
  return c<0xC0 ? 1 : c<0xE0 ? 2 : c<0xF0 ? 3 : 4;
}

/* Offset of the character before offset i in z (i>0). */
static inline int u8_prev(const char *z, int i){
  do{ i--; }while( i>0 && ((unsigned char)z[i] & 0xC0)==0x80 );
  return i;
}

/* The code point before offset i in z, or 0 at the start. */
static inline unsigned cp_before(const char *z, int i){
  int n;
  return i>0 ? u8(z + u8_prev(z, i), &n) : 0;
}

/* True when the bytes of literal zLit stand at z[i..] (within n bytes).
** (A byte loop: the literals are short, and most tests fail on the first
** byte, where a call to memcmp would cost more than the comparison.) */
static inline int at(const char *z, int i, int n, const char *zLit){
  int k = 0;
  for(; zLit[k]; k++){
    if( i + k >= n || z[i+k]!=zLit[k] ) return 0;
  }
  return 1;
}

/* Bit of the second byte of a three-byte character in a mask of 64: a
** table of 16 masks indexed by the lead's low nibble says which lead and
** second byte pairs a scan must look at (see lead2_in). */
#define LEAD2(x) (1ULL<<((x) & 0x3F))

/* True when the three-byte character at z (lead E0..EF) has a lead and
** second byte named in aMask. */
static inline int lead2_in(const uint64_t aMask[16], const char *z){
  return (aMask[(unsigned char)z[0] & 0x0F] >> ((unsigned char)z[1] & 0x3F)) & 1;
}

/* A literal with its length in bytes, for tables of words: LIT("确保"). */
typedef struct Lit Lit;
struct Lit { const char *z; int n; };
#define LIT(s) {s, (int)sizeof(s)-1}
#define NLIT(a) ((int)(sizeof(a)/sizeof(*(a))))

/* True when the text z[i..n) ends with the nLit bytes of zLit just before
** n.  (The last byte is tested first: of a Chinese character it differs
** most.) */
static inline int ends_with_n(const char *z, int i, int n, const char *zLit, int nLit){
  return n - i >= nLit && nLit>0 && z[n-1]==zLit[nLit-1] && memcmp(z + n - nLit, zLit, (size_t)nLit)==0;
}

/* True when the text z[i..n) ends with zLit just before n. */
static inline int ends_with(const char *z, int i, int n, const char *zLit){
  return ends_with_n(z, i, n, zLit, (int)strlen(zLit));
}

/* Offset of the first nLit bytes of zLit in z[a..b), or -1.  memchr finds
** the last byte of the literal (of a Chinese character it differs most),
** memcmp checks the rest: faster than memmem for these short words. */
static inline int find_n(const char *z, int a, int b, const char *zLit, int n){
  if( n<=0 || b - a < n ) return -1;
  char cLast = zLit[n-1];
  for(int i=a+n-1; i<b; ){
    const char *p = (const char*)memchr(z + i, cLast, (size_t)(b - i));
    if( p==0 ) return -1;
    int e = (int)(p - z) + 1;
    if( memcmp(z + e - n, zLit, (size_t)n)==0 ) return e - n;
    i = e;
  }
  return -1;
}

/* True when z[a..b) contains the nLit bytes of zLit.  Short ranges (a
** clause) are scanned directly, long ones with find_n(). */
static inline int has_n(const char *z, int a, int b, const char *zLit, int n){
  if( b - a < n || n==0 ) return 0;
  if( b - a > 96 ) return find_n(z, a, b, zLit, n)>=0;
  for(int i=a; i+n<=b; i++){
    if( z[i]==zLit[0] && memcmp(z + i, zLit, (size_t)n)==0 ) return 1;
  }
  return 0;
}

/* True when z[a..b) contains the literal zLit. */
static inline int has(const char *z, int a, int b, const char *zLit){
  return has_n(z, a, b, zLit, (int)strlen(zLit));
}

static inline int is_han(unsigned c){ return c>=0x3400 && c<=0x9FFF; }
static inline int is_sentence_end(unsigned c){
  return c==0x3002 /*。*/ || c==0xFF01 /*！*/ || c==0xFF1F /*？*/ || c=='!' || c=='?';
}
static inline int is_semicolon(unsigned c){ return c==0xFF1B || c==';'; }
static inline int is_comma(unsigned c){ return c==0xFF0C || c==','; }
static inline int is_colon(unsigned c){ return c==0xFF1A || c==':'; }
static inline int is_lparen(unsigned c){ return c==0xFF08 || c=='('; }
static inline int is_rparen(unsigned c){ return c==0xFF09 || c==')'; }

/* Xmap */
void xmap_add(Xmap *m, int dst, int src);
int xmap_get(const Xmap *m, int dst);
void xmap_free(Xmap *m);

/* Spans and texts of the clean text P. */
XSpan ctx_span(Ctx *c, int iStart, int iEnd);
char *ctx_text(Ctx *c, int iStart, int iEnd);
void ctx_skip(Ctx *c, int wStart, int wEnd, const char *zWhy);

/* Stages */
void clean_text(Ctx *c);
void outline_build(Ctx *c);
void tasks_build(Ctx *c);
void xtask_free(XTask *t);
void targets_find(Ctx *c, XTask *t, int iStart, int iEnd);
int deadline_find(Ctx *c, int iStart, int iEnd, XDeadline *d, int *piPos);
int year_guess(Ctx *c);
int deadline_of_heading(Ctx *c, const XNode *n, XDeadline *d);

/* Number parsing shared by targets.c and deadline.c */
int cn_digit(unsigned c);
int parse_number(const char *z, int i, int n, double *pv, int *pEnd, int *pbChinese);

#endif
