/*
** extract.h -- the extractor: a pure function from the bytes of a published
** work report to an Extraction (outline, tasks, targets, deadlines, skipped
** furniture).  It knows nothing of the ledger, the database or HTTP.
**
** Pipeline (one file per stage):
**   source.c   bytes -> format (txt/html/docx/pdf) -> plain text
**   decode.c   bytes -> UTF-8 source text (UTF-8/UTF-16/GB18030)
**   clean.c    source text -> working text with an offset map; paragraphs;
**              page furniture and web chrome removed (and listed); page-break
**              joins
**   outline.c  headings (一、 (一) 一是 1. （1） 第一, part titles), parts
**              classified review / plan / other
**   tasks.c    sentences of the plan part -> tasks
**   targets.c  quantitative targets of a task
**   deadline.c the deadline of a task
**   extract.c  runs the stages; extract_json.c prints the contract JSON
**
** Every span is [start, end) in Unicode code points of the source text
** (Extraction.zSource), exactly as ../shared/contract/extract.md says.
*/
#ifndef LUOSHI_EXTRACT_H
#define LUOSHI_EXTRACT_H
#include "buf.h"
#include "util.h"
#include <stddef.h>

typedef struct XSpan XSpan;
typedef struct XNode XNode;
typedef struct XTarget XTarget;
typedef struct XDeadline XDeadline;
typedef struct XTask XTask;
typedef struct XSkip XSkip;
typedef struct Extraction Extraction;

struct XSpan {
  int iStart;        /* first code point */
  int iEnd;          /* one past the last code point */
};

/* Kinds of part a node or task belongs to. */
#define PART_NONE   0   /* not inside any recognised part */
#define PART_REVIEW 1   /* review of past results (not tasks) */
#define PART_PLAN   2   /* the plan: its sentences are tasks */
#define PART_OTHER  3   /* greeting, closing, glossary, annex of notes */

struct XNode {
  int iParent;       /* index into Extraction.aNode, or -1 */
  int level;         /* 0 part title, 1 一、, 2 （一）, 3 一是/1., 4 （1） */
  int partKind;      /* PART_* of the part this node is in (or opens) */
  int inferred;      /* 1 when made up for a heading outside the file */
  char *zLabel;      /* numbering as written ("一、", "（五）", "" for parts) */
  char *zTitle;      /* heading text without label and closing 。 */
  XSpan span;        /* label + title in the source */
};

struct XTarget {
  XSpan span;        /* the number with its unit (and 以上/左右...) */
  char *zText;       /* that text as in the source (furniture removed) */
  char *zSubject;    /* what is counted, as written near the number */
  double value;      /* in base unit (万/亿/千 applied) */
  double valueMax;   /* upper end when cmp is "range" */
  char *zUnit;       /* unit without multiplier: 个 家 公里 % 个百分点 元 ... */
  const char *zCmp;  /* "=", ">=", "<=", "~", "range" (static) */
  const char *zStrength; /* "must", "strive", "plain" (static) */
};

struct XDeadline {
  char zDate[11];    /* YYYY-MM-DD, always set */
  char *zText;       /* the words that named it ("6月底前"), NULL if none */
  int explicit;      /* 1 when the text names the period */
  XSpan span;        /* of zText when explicit */
};

struct XTask {
  int iNode;         /* index of the innermost enclosing node, or -1 */
  XSpan span;        /* the sentence in the source */
  char *zText;       /* the sentence, page breaks joined, furniture removed */
  XTarget *aTarget;  /* the targets, in order */
  int nTarget;
  int nTargetAlloc;
  XDeadline deadline;
  char **azDept;     /* responsible units named in the text, e.g. 牵头单位 */
  int nDept;
};

struct XSkip {
  XSpan span;        /* what was left out */
  char *zText;       /* its text */
  const char *zWhy;  /* the reason (static): "page continuation marker" ... */
};

struct Extraction {
  char *zName;       /* file name as given */
  char zSha256[65];  /* of the original file bytes */
  const char *zEncoding; /* "UTF-8", "UTF-16LE", "GB18030" ... (static) */
  const char *zFormat;   /* "txt", "html", "docx", "pdf" (static) */
  char *zSource;     /* the plain source text, UTF-8, NUL-terminated */
  size_t nSource;    /* bytes in zSource */
  int nChars;        /* code points in zSource */
  int year;          /* the plan year used */
  const char *zYearFrom; /* "option", "report", "clock" (static) */
  char *zTitle;      /* report title when found, else NULL */
  XNode *aNode; int nNode; int nNodeAlloc;
  XTask *aTask; int nTask; int nTaskAlloc;
  XSkip *aSkip; int nSkip; int nSkipAlloc;
};

/* Run the whole pipeline on n bytes a[] read from a file called zName.
** year>0 forces the plan year.  On success fills *p (free with
** extraction_free) and returns 0; on bad input sets e ("NAME: not text
** (byte 1532)") and returns nonzero, leaving *p empty. */
int extract_bytes(const char *zName, const unsigned char *a, size_t n,
                  int year, Extraction *p, Err *e);

/* Run the pipeline on source text that is already plain UTF-8 (zText,
** nText bytes); used by extract_bytes() and by the format readers. */
int extract_text(Extraction *p, int year, Err *e);

void extraction_free(Extraction *p);

/* The contract JSON (../shared/contract/extract.md); caller frees. */
char *extraction_json(const Extraction *p, int pretty);

/* The readable tree on stdout-like Buf; colour when bColour. */
void extraction_tree(const Extraction *p, Buf *out, int bColour);

#endif
