/*
** pdf_in.c -- a report published as PDF to plain text (see formats.h).
**
** poppler-glib gives, page by page, each glyph's code point and box; the
** layout is ours (pdf_layout_*, testable on synthetic boxes):
**
** 1. Rows: glyphs grouped by their vertical centre; a row is split into
**    fragments where the gap between two glyphs is wider than the row's
**    glyph height (column gutters, table cells).  Letter-spaced titles
**    (fragments of one or two glyphs) are put back together.
** 2. Furniture: in the top and bottom bands of each page (first and last
**    three rows within 15% of the page height), rows that are page numbers
**    (— 3 —, -3-, 第3页, 3, 3/12) and rows that repeat on at least half the
**    pages (digits and Chinese numerals masked: 第一版 = 第二版) are running
**    headers and footers, and are dropped.
** 3. Notes: rows at the bottom of a page in a clearly smaller type than the
**    body are footnotes; they are written after the body under "注释", a
**    raised number at their start as 〔N〕.  Raised numbers in the body (the
**    note references) are left out.
** 4. Columns: an x-range that (almost) no row covers, wide enough, inside
**    the text and with a fair share of text on either side, is a gutter.
**    Rows are read top-down; a row that crosses a gutter (a headline, the
**    title block) first flushes the columns read so far, left to right.
** 5. Paragraphs: a line starts a paragraph when it is indented, follows a
**    line that ended one, is far below the previous line, or changes type
**    size; a line ends its paragraph when it stops short of the column's
**    right edge, or (in text without first-line indents) ends with 。！？：.
**    Lines of one paragraph are joined (a space only between two Latin
**    letters or digits), also across columns and pages.  A line with
**    several fragments is a table row (cells split by a tab); lines under
**    one of its cells continue that cell; a row repeating its table's
**    header (the table went on to a new page) is dropped.  A paragraph
**    ending in （下转第X版） continues at the paragraph starting with
**    （上接第Y版） (both markers dropped).
*/
#include "formats.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <poppler.h>

/* Most pages read from one file. */
#define PDF_MAX_PAGES 5000

/* ---------------------------------------------------------------------
** Rows and fragments of one page
*/

typedef struct PFrag PFrag;
struct PFrag {
  int iChar, nChar;      /* glyphs in PPage.aChar, left to right */
  double x1, x2;         /* horizontal extent */
};

#define ROW_FURNITURE 0x01   /* running header/footer, page number */
#define ROW_NOTE      0x02   /* footnote */

typedef struct PRow PRow;
struct PRow {
  int iFrag, nFrag;      /* fragments in PPage.aFrag, left to right */
  double y1, y2;         /* vertical extent */
  double h;              /* median glyph height */
  double base;           /* baseline: lowest bottom of full-size glyphs */
  int flags;             /* ROW_* */
};

typedef struct PPage PPage;
struct PPage {
  double w, h;           /* page size in points */
  PdfChar *aChar;        /* glyphs (no white space), sorted by row, x */
  int nChar;
  PFrag *aFrag; int nFrag, nFragAlloc;
  PRow *aRow; int nRow, nRowAlloc;
};

struct PdfLayout {
  PPage *aPage;          /* the pages in order */
  int nPage, nPageAlloc;
  int nGlyph;            /* glyphs seen on all pages */
};

/* qsort comparators */
static int cmp_double(const void *a, const void *b){
  double x = *(const double*)a, y = *(const double*)b;
  return x<y ? -1 : x>y;
}
static int cmp_char_yc(const void *a, const void *b){
  const PdfChar *p = a, *q = b;
  double x = p->y1+p->y2, y = q->y1+q->y2;
  if( x!=y ) return x<y ? -1 : 1;
  return p->x1<q->x1 ? -1 : p->x1>q->x1;
}
static int cmp_char_x(const void *a, const void *b){
  const PdfChar *p = a, *q = b;
  return p->x1<q->x1 ? -1 : p->x1>q->x1;
}

/* Median of the glyph heights of n glyphs at a. */
static double median_height(const PdfChar *a, int n){
  if( n<=0 ) return 0;
  double aStack[64];
  double *aH = n<=64 ? aStack : xmalloc(sizeof(double)*(size_t)n);
  for(int i=0; i<n; i++) aH[i] = a[i].y2 - a[i].y1;
  qsort(aH, (size_t)n, sizeof(double), cmp_double);
  double m = aH[n/2];
  if( aH!=aStack ) free(aH);
  return m;
}

/* True when glyph c of row r is raised and small: a superscript. */
static int is_super(const PRow *r, const PdfChar *c){
  double h = c->y2 - c->y1;
  return h < 0.8*r->h && c->y2 < r->base - 0.2*r->h;
}

/* Group the page's glyphs (already without white space) into rows and
** fragments (see the file comment). */
static void page_build(PPage *pg){
  int n = pg->nChar;
  qsort(pg->aChar, (size_t)n, sizeof(PdfChar), cmp_char_yc);
  int i = 0;
  while( i<n ){
    /* a row: glyphs whose centre is near the centre of its tallest glyph */
    double yc = (pg->aChar[i].y1 + pg->aChar[i].y2)/2;
    double hMax = pg->aChar[i].y2 - pg->aChar[i].y1;
    int j = i+1;
    while( j<n ){
      const PdfChar *c = &pg->aChar[j];
      double h = c->y2 - c->y1;
      double c2 = (c->y1 + c->y2)/2;
      if( c2 - yc > 0.6*(h>hMax ? h : hMax) ) break;
      if( h>hMax ){ hMax = h; yc = c2; }
      j++;
    }
    qsort(pg->aChar+i, (size_t)(j-i), sizeof(PdfChar), cmp_char_x);
    /* drop glyphs printed twice at (almost) the same place (fake bold) */
    int k = i+1;
    for(int m=i+1; m<j; m++){
      const PdfChar *a = &pg->aChar[k-1], *b = &pg->aChar[m];
      double w = a->x2 - a->x1;
      if( b->cp==a->cp && fabs(b->x1-a->x1) < 0.3*(w>0 ? w : 1) && fabs(b->y1-a->y1) < 1 ) continue;
      pg->aChar[k++] = pg->aChar[m];
    }
    int nRowChar = k - i;
    if( k<j ){
      memmove(pg->aChar+k, pg->aChar+j, sizeof(PdfChar)*(size_t)(n-j));
      n -= j-k;
      j = k;
    }
    int iRow = pg->nRow;
    PRow *r = ARRAY_PUSH(pg->aRow, pg->nRow, pg->nRowAlloc);
    r->h = median_height(pg->aChar+i, nRowChar);
    if( r->h<=0 ) r->h = 1;
    r->y1 = pg->aChar[i].y1;
    r->y2 = pg->aChar[i].y2;
    r->base = 0;
    for(int m=i; m<j; m++){
      const PdfChar *c = &pg->aChar[m];
      if( c->y1 < r->y1 ) r->y1 = c->y1;
      if( c->y2 > r->y2 ) r->y2 = c->y2;
      if( c->y2 - c->y1 >= 0.8*r->h && c->y2 > r->base ) r->base = c->y2;
    }
    if( r->base==0 ) r->base = r->y2;
    /* fragments */
    r->iFrag = pg->nFrag;
    int iStart = i;
    int bAllShort = 1;
    for(int m=i+1; m<=j; m++){
      if( m==j || pg->aChar[m].x1 - pg->aChar[m-1].x2 > 1.0*r->h ){
        PFrag *f = ARRAY_PUSH(pg->aFrag, pg->nFrag, pg->nFragAlloc);
        r = &pg->aRow[iRow];
        f->iChar = iStart;
        f->nChar = m - iStart;
        f->x1 = pg->aChar[iStart].x1;
        f->x2 = pg->aChar[iStart].x2;
        for(int q=iStart; q<m; q++){
          if( pg->aChar[q].x2 > f->x2 ) f->x2 = pg->aChar[q].x2;
        }
        if( f->nChar>2 ) bAllShort = 0;
        iStart = m;
      }
    }
    r->nFrag = pg->nFrag - r->iFrag;
    if( r->nFrag>=3 && bAllShort ){
      /* a letter-spaced title: one fragment */
      PFrag *f = &pg->aFrag[r->iFrag];
      f->nChar = j - i;
      f->x2 = pg->aFrag[r->iFrag + r->nFrag - 1].x2;
      pg->nFrag = r->iFrag + 1;
      r->nFrag = 1;
    }
    i = j;
  }
  pg->nChar = n;
}

/* See formats.h. */
PdfLayout *pdf_layout_new(void){
  return xcalloc(1, sizeof(PdfLayout));
}

/* See formats.h.  White space, controls and empty boxes are left out. */
void pdf_layout_add_page(PdfLayout *p, const PdfChar *aChar, int nChar,
                         double w, double h){
  PPage *pg = ARRAY_PUSH(p->aPage, p->nPage, p->nPageAlloc);
  pg->w = w;
  pg->h = h;
  pg->aChar = xmalloc(sizeof(PdfChar)*(size_t)(nChar>0 ? nChar : 1));
  for(int i=0; i<nChar; i++){
    PdfChar c = aChar[i];
    if( cp_is_space(c.cp) || c.cp<0x20 || (c.cp>=0x7F && c.cp<=0x9F) || c.cp==0xFEFF
        || (c.cp>=0x200B && c.cp<=0x200D) || c.cp==0xFFFD || c.cp>0x10FFFF
        || (c.cp>=0xD800 && c.cp<=0xDFFF) ) continue;
    if( !isfinite(c.x1) || !isfinite(c.x2) || !isfinite(c.y1) || !isfinite(c.y2) ) continue;
    if( c.x1>c.x2 ){ double t = c.x1; c.x1 = c.x2; c.x2 = t; }
    if( c.y1>c.y2 ){ double t = c.y1; c.y1 = c.y2; c.y2 = t; }
    if( c.y2 - c.y1 < 0.5 ) continue;         /* no height: not readable text */
    if( fabs(c.x1)>1e6 || fabs(c.y1)>1e6 || c.x2-c.x1>1e5 || c.y2-c.y1>1e5 ) continue;
    pg->aChar[pg->nChar++] = c;
  }
  p->nGlyph += pg->nChar;
  page_build(pg);
}

void pdf_layout_free(PdfLayout *p){
  if( p==0 ) return;
  for(int i=0; i<p->nPage; i++){
    free(p->aPage[i].aChar);
    free(p->aPage[i].aFrag);
    free(p->aPage[i].aRow);
  }
  free(p->aPage);
  free(p);
}

/* ---------------------------------------------------------------------
** Furniture
*/

/* Append the text of fragment f to b: superscripts are left out (bSuper
** 0), kept (1), or written 〔N〕 when they open the fragment (2, notes); a
** space goes between two Latin glyphs set apart. */
static void frag_text(const PPage *pg, const PRow *r, const PFrag *f, Buf *b, int bSuper){
  const PdfChar *prev = 0;
  int bOpen = 0;
  for(int i=f->iChar; i<f->iChar+f->nChar; i++){
    const PdfChar *c = &pg->aChar[i];
    int bSup = is_super(r, c) && c->cp<0x80;
    if( bSup && bSuper==0 ) continue;
    if( bSuper==2 ){
      if( bSup && (prev==0 || bOpen) ){
        if( !bOpen ){ buf_puts(b, "〔"); bOpen = 1; }
      }else if( bOpen ){
        buf_puts(b, "〕");
        bOpen = 0;
      }
    }
    if( prev && !bOpen && !cp_is_wide(prev->cp) && !cp_is_wide(c->cp)
        && c->x1 - prev->x2 > 0.2*r->h ){
      buf_putc(b, ' ');
    }
    buf_put_cp(b, c->cp);
    prev = c;
  }
  if( bOpen ) buf_puts(b, "〕");
}

/* The text of row r, all fragments, superscripts kept, no spaces: into b
** (reset first). */
static void row_text(const PPage *pg, const PRow *r, Buf *b){
  buf_reset(b);
  for(int k=0; k<r->nFrag; k++){
    frag_text(pg, r, &pg->aFrag[r->iFrag+k], b, 1);
  }
  if( b->a==0 ) buf_puts(b, "");
}

/* Skip the dash-like characters and spaces at *pz (advancing it). */
static void skip_dashes(const char **pz){
  static const char *azDash[] = { "-", "—", "–", "－", "~", "·", "•", " ", "―", "‒", "|" };
  int bMore = 1;
  while( bMore ){
    bMore = 0;
    for(size_t k=0; k<sizeof(azDash)/sizeof(azDash[0]); k++){
      size_t n = strlen(azDash[k]);
      if( strncmp(*pz, azDash[k], n)==0 ){ *pz += n; bMore = 1; }
    }
  }
}

/* Skip ASCII or full-width digits at *pz; return how many. */
static int skip_digits(const char **pz){
  int n = 0;
  for(;;){
    const unsigned char *s = (const unsigned char*)*pz;
    if( s[0]>='0' && s[0]<='9' ){ *pz += 1; n++; continue; }
    if( s[0]==0xEF && s[1]==0xBC && s[2]>=0x90 && s[2]<=0x99 ){ *pz += 3; n++; continue; }
    return n;
  }
}

/* True when the row text z is a page number: 3, — 3 —, -3-, 第3页,
** 第3页共12页, 3/12, Page 3 (of 12). */
static int is_page_number(const char *z){
  skip_dashes(&z);
  if( strncmp(z, "第", 3)==0 ){
    z += 3;
    if( skip_digits(&z)==0 || strncmp(z, "页", 3)!=0 ) return 0;
    z += 3;
    if( strncmp(z, "共", 3)==0 ){
      z += 3;
      if( skip_digits(&z)==0 || strncmp(z, "页", 3)!=0 ) return 0;
      z += 3;
    }
  }else if( strncmp(z, "Page", 4)==0 || strncmp(z, "page", 4)==0 ){
    z += 4;
    skip_dashes(&z);
    if( skip_digits(&z)==0 ) return 0;
    skip_dashes(&z);
    if( strncmp(z, "of", 2)==0 ){
      z += 2;
      skip_dashes(&z);
      if( skip_digits(&z)==0 ) return 0;
    }
  }else{
    if( skip_digits(&z)==0 ) return 0;
    if( z[0]=='/' ){
      z++;
      if( skip_digits(&z)==0 ) return 0;
    }
  }
  skip_dashes(&z);
  return z[0]==0;
}

/* The furniture key of row text z into b: white space out, digits and
** Chinese numerals as '#', so that "第一版 2026年1月20日" repeats. */
static void furniture_key(const char *z, Buf *b){
  buf_reset(b);
  size_t n = strlen(z), i = 0;
  while( i<n ){
    unsigned cp;
    int k = utf8_decode((const unsigned char*)z+i, n-i, &cp);
    if( k<=0 ){ i++; continue; }
    i += (size_t)k;
    if( cp_is_space(cp) ) continue;
    if( (cp>='0' && cp<='9') || (cp>=0xFF10 && cp<=0xFF19) || cp==0x3007
        || cp==0x4E00 || cp==0x4E8C || cp==0x4E09 || cp==0x56DB || cp==0x4E94
        || cp==0x516D || cp==0x4E03 || cp==0x516B || cp==0x4E5D || cp==0x5341 ){
      if( b->n==0 || b->a[b->n-1]!='#' ) buf_putc(b, '#');
    }else{
      buf_put_cp(b, cp);
    }
  }
  if( b->a==0 ) buf_puts(b, "");
}

/* A key of a band row and how many pages have it. */
typedef struct PKey PKey;
struct PKey {
  char *z;           /* the furniture key */
  int bBottom;       /* in the bottom band (else top) */
  int nPage;         /* pages that have it */
  int iLastPage;     /* last page counted */
};

/* Index of the first row and one past the last of the top band (bBottom
** 0) or bottom band (1) of pg in *piFrom, *piTo. */
static void band_rows(const PPage *pg, int bBottom, int *piFrom, int *piTo){
  int n = 0;
  if( !bBottom ){
    while( n<pg->nRow && n<3 && pg->aRow[n].y2 < 0.15*pg->h ) n++;
    *piFrom = 0;
    *piTo = n;
  }else{
    while( n<pg->nRow && n<3 && pg->aRow[pg->nRow-1-n].y1 > 0.85*pg->h ) n++;
    *piFrom = pg->nRow - n;
    *piTo = pg->nRow;
  }
}

/* Mark running headers, footers and page numbers (ROW_FURNITURE). */
static void mark_furniture(PdfLayout *p){
  PKey *aKey = 0;
  int nKey = 0, nKeyAlloc = 0;
  Buf txt = BUF_INIT, key = BUF_INIT;
  for(int pass=0; pass<2; pass++){
    for(int ip=0; ip<p->nPage; ip++){
      PPage *pg = &p->aPage[ip];
      for(int bBottom=0; bBottom<2; bBottom++){
        int iFrom, iTo;
        band_rows(pg, bBottom, &iFrom, &iTo);
        for(int ir=iFrom; ir<iTo; ir++){
          PRow *r = &pg->aRow[ir];
          row_text(pg, r, &txt);
          if( pass==0 && is_page_number(txt.a) ){
            r->flags |= ROW_FURNITURE;
            continue;
          }
          furniture_key(txt.a, &key);
          PKey *k = 0;
          for(int i=0; i<nKey; i++){
            if( aKey[i].bBottom==bBottom && strcmp(aKey[i].z, key.a)==0 ){ k = &aKey[i]; break; }
          }
          if( pass==0 ){
            if( k==0 ){
              k = ARRAY_PUSH(aKey, nKey, nKeyAlloc);
              k->z = xstrdup(key.a);
              k->bBottom = bBottom;
              k->iLastPage = -1;
            }
            if( k->iLastPage!=ip ){ k->nPage++; k->iLastPage = ip; }
          }else if( k && k->nPage>=2 && k->nPage*2>=p->nPage ){
            r->flags |= ROW_FURNITURE;
          }
        }
      }
    }
  }
  for(int i=0; i<nKey; i++) free(aKey[i].z);
  free(aKey);
  buf_free(&txt);
  buf_free(&key);
}

/* The median row height of the body rows of all pages (the body type). */
static double body_height(PdfLayout *p){
  int n = 0;
  for(int ip=0; ip<p->nPage; ip++) n += p->aPage[ip].nRow;
  if( n==0 ) return 10;
  double *a = xmalloc(sizeof(double)*(size_t)n);
  int k = 0;
  for(int ip=0; ip<p->nPage; ip++){
    PPage *pg = &p->aPage[ip];
    for(int ir=0; ir<pg->nRow; ir++){
      if( !(pg->aRow[ir].flags & ROW_FURNITURE) ) a[k++] = pg->aRow[ir].h;
    }
  }
  double h = 10;
  if( k>0 ){
    qsort(a, (size_t)k, sizeof(double), cmp_double);
    h = a[k/2];
  }
  free(a);
  return h;
}

/* Mark footnotes (ROW_NOTE): the rows at the bottom of a page, in its
** lower half, in a type clearly smaller than the body's hBody. */
static void mark_notes(PdfLayout *p, double hBody){
  for(int ip=0; ip<p->nPage; ip++){
    PPage *pg = &p->aPage[ip];
    int nBody = 0;
    for(int ir=0; ir<pg->nRow; ir++){
      if( !(pg->aRow[ir].flags & ROW_FURNITURE) && pg->aRow[ir].h >= 0.85*hBody ) nBody++;
    }
    if( nBody==0 ) continue;
    for(int ir=pg->nRow-1; ir>=0; ir--){
      PRow *r = &pg->aRow[ir];
      if( r->flags & ROW_FURNITURE ) continue;
      if( r->h >= 0.8*hBody || r->y1 < 0.5*pg->h ) break;
      r->flags |= ROW_NOTE;
    }
  }
}

/* ---------------------------------------------------------------------
** Paragraphs
*/

/* One line handed to the paragraph builder. */
typedef struct PLine PLine;
struct PLine {
  const PPage *pg;       /* its page */
  const PRow *r;         /* its row */
  int iFrag, nFrag;      /* its fragments (of the row) */
  double x1, x2;         /* extent */
  double L, R;           /* left and right edges of its column */
  int bNewFlow;          /* first line of a column or after a spanning row */
};

/* The paragraph builder's state. */
typedef struct PBuild PBuild;
struct PBuild {
  Buf *aPara;            /* paragraphs (a table row: cells split by \t) */
  int nPara, nParaAlloc;
  int iCur;              /* open paragraph, -1 when none */
  int iPending;          /* paragraph cut by （下转…版）, -1 when none */
  int bSuper;            /* 2 for notes (raised numbers as 〔N〕), else 0 */
  /* the open table row, when iCur is one */
  int bTable;
  int nCell;
  double aCellX[16];     /* left edge of each cell */
  Buf aCell[16];         /* text of each cell */
  int iLastTable;        /* paragraph of the last table row, -2 none */
  char *zHeader;         /* text of the first row of the last table */
  int bIndent;           /* paragraphs are marked by a first-line indent */
  /* the previous line */
  int bPrev;
  PLine prev;
};

/* True when the UTF-8 text z (n bytes) ends with one of 。！？：. */
static int ends_sentence(const char *z, size_t n){
  static const char *az[] = { "。", "！", "？", "：", "!", "?" };
  for(size_t k=0; k<sizeof(az)/sizeof(az[0]); k++){
    size_t m = strlen(az[k]);
    if( n>=m && memcmp(z+n-m, az[k], m)==0 ) return 1;
  }
  return 0;
}

/* Length in bytes of a page-continuation marker （下转第X版） (bEnd 1, at
** the end of the n bytes at z) or （上接第X版）/（紧接第X版）/（接第X版）
** (bEnd 0, at their start); 0 when there is none.  X is at most a few
** characters. */
static int continuation_marker(const char *z, size_t n, int bEnd){
  static const char *azEnd[] = { "（下转第", "(下转第" };
  static const char *azStart[] = { "（上接第", "（紧接第", "（接第", "(上接第", "(紧接第", "(接第" };
  static const char *azClose[] = { "版）", "版)" };
  if( bEnd ){
    for(int c=0; c<2; c++){
      size_t nc = strlen(azClose[c]);
      if( n<nc || memcmp(z+n-nc, azClose[c], nc)!=0 ) continue;
      for(size_t i=n-nc; i+40>n && i>0; i--){
        for(int h=0; h<2; h++){
          size_t nh = strlen(azEnd[h]);
          if( i+nh<=n-nc && memcmp(z+i-1, azEnd[h], nh)==0 ) return (int)(n-i+1);
        }
      }
      for(int h=0; h<2; h++){
        size_t nh = strlen(azEnd[h]);
        if( n<=40 && nh<=n-nc && memcmp(z, azEnd[h], nh)==0 ) return (int)n;
      }
    }
    return 0;
  }
  for(int h=0; h<6; h++){
    size_t nh = strlen(azStart[h]);
    if( n<nh || memcmp(z, azStart[h], nh)!=0 ) continue;
    for(size_t i=nh; i<n && i<40; i++){
      for(int c=0; c<2; c++){
        size_t nc = strlen(azClose[c]);
        if( i+nc<=n && memcmp(z+i, azClose[c], nc)==0 ) return (int)(i+nc);
      }
    }
  }
  return 0;
}

/* Close the open table row of pb into its paragraph. */
static void table_close(PBuild *pb){
  if( !pb->bTable ) return;
  Buf *p = &pb->aPara[pb->iCur];
  for(int k=0; k<pb->nCell; k++){
    if( k>0 ) buf_putc(p, '\t');
    if( pb->aCell[k].n ) buf_append(p, pb->aCell[k].a, pb->aCell[k].n);
    buf_reset(&pb->aCell[k]);
  }
  /* a table row repeating the header of its table (the table went on
  ** to a new page) is left out */
  if( pb->iLastTable==pb->iCur-1 && pb->zHeader && strcmp(pb->zHeader, buf_str(p))==0 ){
    buf_free(p);
    pb->nPara--;
  }else{
    if( pb->iLastTable!=pb->iCur-1 ){
      free(pb->zHeader);
      pb->zHeader = xstrdup(buf_str(p));
    }
    pb->iLastTable = pb->iCur;
  }
  pb->bTable = 0;
  pb->nCell = 0;
  pb->iCur = -1;
}

/* End the open paragraph. */
static void para_end(PBuild *pb){
  if( pb->bTable ){ table_close(pb); return; }
  pb->iCur = -1;
}

/* Append text t (n bytes) to paragraph buffer p, with a space between two
** Latin glyphs. */
static void para_join(Buf *p, const char *t, size_t n){
  if( n==0 ) return;
  if( p->n>0 ){
    unsigned a = (unsigned char)p->a[p->n-1], b = (unsigned char)t[0];
    if( a<0x80 && b<0x80 && a!=' ' && b!=' ' && a!='-' ) buf_putc(p, ' ');
  }
  buf_append(p, t, n);
}

/* Feed one line to the paragraph builder. */
static void build_line(PBuild *pb, const PLine *ln){
  const PPage *pg = ln->pg;
  const PRow *r = ln->r;
  double h = r->h;
  Buf t = BUF_INIT;
  /* a table row: several fragments on the line */
  if( ln->nFrag>=2 ){
    para_end(pb);
    Buf *p = ARRAY_PUSH(pb->aPara, pb->nPara, pb->nParaAlloc);
    buf_init(p);
    pb->iCur = pb->nPara-1;
    pb->bTable = 1;
    pb->nCell = ln->nFrag < 16 ? ln->nFrag : 16;
    for(int k=0; k<ln->nFrag; k++){
      const PFrag *f = &pg->aFrag[r->iFrag + ln->iFrag + k];
      int c = k<16 ? k : 15;
      if( k<16 ) pb->aCellX[c] = f->x1;
      buf_reset(&t);
      frag_text(pg, r, f, &t, pb->bSuper);
      para_join(&pb->aCell[c], t.a ? t.a : "", t.n);
    }
    pb->bPrev = 1;
    pb->prev = *ln;
    buf_free(&t);
    return;
  }
  const PFrag *f = &pg->aFrag[r->iFrag + ln->iFrag];
  frag_text(pg, r, f, &t, pb->bSuper);
  if( t.n==0 ){ buf_free(&t); return; }
  /* a line under a cell of the open table row continues that cell */
  if( pb->bTable ){
    int c = -1;
    for(int k=0; k<pb->nCell; k++){
      if( fabs(f->x1 - pb->aCellX[k]) < 0.6*h ) c = k;
    }
    if( c>0 || (c==0 && pb->nCell==1) ){
      para_join(&pb->aCell[c], t.a, t.n);
      pb->prev = *ln;
      buf_free(&t);
      return;
    }
    table_close(pb);
  }
  const char *z = t.a;
  size_t n = t.n;
  /* （上接第一版） resumes the cut paragraph */
  int nOpen = continuation_marker(z, n, 0);
  int bResume = 0;
  if( nOpen ){
    z += nOpen;
    n -= (size_t)nOpen;
    if( pb->iPending>=0 ){
      pb->iCur = pb->iPending;
      pb->iPending = -1;
      bResume = 1;
    }
  }
  int bNew = pb->iCur<0;
  if( !bNew && !bResume && pb->bPrev ){
    const PLine *q = &pb->prev;
    double hq = q->r->h;
    if( ln->x1 > ln->L + 0.8*h ) bNew = 1;                 /* indented */
    if( fabs(h - hq) > 0.25*(h>hq ? h : hq) ) bNew = 1;    /* type size */
    if( !ln->bNewFlow && q->pg==pg && r->y1 - q->r->y2 > 1.0*h ) bNew = 1;  /* gap */
  }
  if( bNew && !bResume ){
    Buf *p = ARRAY_PUSH(pb->aPara, pb->nPara, pb->nParaAlloc);
    buf_init(p);
    pb->iCur = pb->nPara-1;
  }
  int nClose = continuation_marker(z, n, 1);
  if( nClose ) n -= (size_t)nClose;
  para_join(&pb->aPara[pb->iCur], z, n);
  if( nClose ){
    pb->iPending = pb->iCur;
    pb->iCur = -1;
  }else if( ln->x2 < ln->R - 1.5*h || (!pb->bIndent && ends_sentence(z, n)) ){
    pb->iCur = -1;
  }
  pb->bPrev = 1;
  pb->prev = *ln;
  buf_free(&t);
}

/* A column gutter of a page: [x1, x2]. */
typedef struct PGutter PGutter;
struct PGutter { double x1, x2; };

/* Find the column gutters of page pg among its rows that are not
** furniture or notes; returns how many (at most nMax) in aG, left to
** right. */
static int find_gutters(const PPage *pg, int fSkip, double hBody, PGutter *aG, int nMax){
  double xMin = 1e9, xMax = -1e9;
  int nRow = 0, nMass = 0;
  for(int ir=0; ir<pg->nRow; ir++){
    const PRow *r = &pg->aRow[ir];
    if( r->flags & fSkip ) continue;
    nRow++;
    for(int k=0; k<r->nFrag; k++){
      const PFrag *f = &pg->aFrag[r->iFrag+k];
      if( f->x1 < xMin ) xMin = f->x1;
      if( f->x2 > xMax ) xMax = f->x2;
      nMass += f->nChar;
    }
  }
  if( nRow<6 || xMax - xMin < 10*hBody ) return 0;
  int nBin = (int)(xMax - xMin) + 1;
  if( nBin>4096 ) nBin = 4096;
  double scale = (xMax - xMin) / (nBin>1 ? nBin-1 : 1);
  int *aCov = xcalloc((size_t)nBin, sizeof(int));
  int *aMass = xcalloc((size_t)nBin, sizeof(int));
  for(int ir=0; ir<pg->nRow; ir++){
    const PRow *r = &pg->aRow[ir];
    if( r->flags & fSkip ) continue;
    for(int k=0; k<r->nFrag; k++){
      const PFrag *f = &pg->aFrag[r->iFrag+k];
      int b1 = (int)((f->x1 - xMin)/scale), b2 = (int)((f->x2 - xMin)/scale);
      if( b1<0 ) b1 = 0;
      if( b2>=nBin ) b2 = nBin-1;
      for(int b=b1; b<=b2; b++) aCov[b]++;
      int bc = (int)(((f->x1+f->x2)/2 - xMin)/scale);
      if( bc>=0 && bc<nBin ) aMass[bc] += f->nChar;
    }
  }
  int nG = 0;
  int covMax = nRow*15/100;
  int massLeft = 0, massRun = 0;
  int b = 0;
  while( b<nBin && nG<nMax ){
    if( aCov[b] > covMax ){ massRun += aMass[b]; b++; continue; }
    int e = b;
    int m = 0;
    while( e<nBin && aCov[e]<=covMax ){ m += aMass[e]; e++; }
    double gx1 = xMin + b*scale, gx2 = xMin + (e-1)*scale;
    int massRight = nMass - massLeft - massRun - m;
    if( gx2 - gx1 >= 0.8*hBody
        && gx1 - xMin >= 0.15*(xMax - xMin) && xMax - gx2 >= 0.15*(xMax - xMin)
        && (massLeft + massRun)*100 >= nMass*15 && massRight*100 >= nMass*15 ){
      aG[nG].x1 = gx1;
      aG[nG].x2 = gx2;
      nG++;
      massLeft += massRun + m;
      massRun = 0;
    }else{
      massRun += m;
    }
    b = e;
  }
  free(aCov);
  free(aMass);
  return nG;
}

/* Feed the lines of the nRowIdx rows aRowIdx[] of page pg that are in
** column iCol (of nG gutters aG; all when nG is 0) to pb.  The column's
** edges are those of its lines, or xLeft/xRight when these are wider (a
** spanning row is measured against the whole text width). */
static void build_column(PBuild *pb, const PPage *pg, const int *aRowIdx, int nRowIdx,
                         const PGutter *aG, int nG, int iCol, double xLeft, double xRight){
  double lo = iCol==0 ? -1e9 : (aG[iCol-1].x1 + aG[iCol-1].x2)/2;
  double hi = iCol==nG ? 1e9 : (aG[iCol].x1 + aG[iCol].x2)/2;
  PLine *aLine = 0;
  int nLine = 0, nLineAlloc = 0;
  double L = 1e9, R = -1e9;
  for(int i=0; i<nRowIdx; i++){
    const PRow *r = &pg->aRow[aRowIdx[i]];
    int k0 = -1, k1 = -1;
    for(int k=0; k<r->nFrag; k++){
      const PFrag *f = &pg->aFrag[r->iFrag+k];
      double xc = (f->x1 + f->x2)/2;
      if( xc<lo || xc>=hi ) continue;
      if( k0<0 ) k0 = k;
      k1 = k;
    }
    if( k0<0 ) continue;
    PLine *ln = ARRAY_PUSH(aLine, nLine, nLineAlloc);
    ln->pg = pg;
    ln->r = r;
    ln->iFrag = k0;
    ln->nFrag = k1 - k0 + 1;
    ln->x1 = pg->aFrag[r->iFrag+k0].x1;
    ln->x2 = pg->aFrag[r->iFrag+k1].x2;
    if( ln->x1 < L ) L = ln->x1;
    if( pg->aFrag[r->iFrag+k1].nChar>=3 && ln->x2 > R ) R = ln->x2;
  }
  if( R<L ) R = L;
  if( xLeft < L ) L = xLeft;
  if( xRight > R ) R = xRight;
  /* Does the text mark paragraphs by indenting their first line?  Then a
  ** line that ends a sentence at the right edge does not end the
  ** paragraph.  Decided on columns of 8 lines or more, kept for shorter. */
  int nIndent = 0;
  for(int i=0; i<nLine; i++){
    double h = aLine[i].r->h;
    if( aLine[i].x1 > L + 0.8*h && aLine[i].x1 < L + 4.5*h ) nIndent++;
  }
  if( nLine>=8 ) pb->bIndent = nIndent*20 >= nLine;
  for(int i=0; i<nLine; i++){
    aLine[i].L = L;
    aLine[i].R = R > aLine[i].x2 ? R : aLine[i].x2;
    aLine[i].bNewFlow = i==0;
    build_line(pb, &aLine[i]);
  }
  free(aLine);
}

/* Feed the rows of page pg that have none of the flags fSkip and all of
** fNeed to pb in reading order (see the file comment). */
static void build_page(PBuild *pb, const PPage *pg, int fSkip, int fNeed, double hBody){
  PGutter aG[8];
  int nG = fNeed ? 0 : find_gutters(pg, fSkip, hBody, aG, 8);
  int *aIdx = xmalloc(sizeof(int)*(size_t)(pg->nRow+1));
  int nIdx = 0;
  double xLeft = 1e9, xRight = -1e9;     /* the text width of the page */
  for(int ir=0; ir<pg->nRow; ir++){
    const PRow *r = &pg->aRow[ir];
    if( (r->flags & fSkip) || (r->flags & fNeed)!=fNeed || r->nFrag==0 ) continue;
    if( pg->aFrag[r->iFrag].x1 < xLeft ) xLeft = pg->aFrag[r->iFrag].x1;
    if( pg->aFrag[r->iFrag+r->nFrag-1].x2 > xRight ) xRight = pg->aFrag[r->iFrag+r->nFrag-1].x2;
  }
  for(int ir=0; ir<=pg->nRow; ir++){
    const PRow *r = ir<pg->nRow ? &pg->aRow[ir] : 0;
    if( r && ((r->flags & fSkip) || (r->flags & fNeed)!=fNeed) ) continue;
    int bSpan = 0;
    for(int k=0; r && nG>0 && k<r->nFrag && !bSpan; k++){
      const PFrag *f = &pg->aFrag[r->iFrag+k];
      for(int g=0; g<nG; g++){
        double mid = (aG[g].x1 + aG[g].x2)/2;
        if( f->x1 < mid && f->x2 > mid ){ bSpan = 1; break; }
      }
    }
    if( r && !bSpan ){
      aIdx[nIdx++] = ir;
      continue;
    }
    /* flush the columns read so far */
    for(int c=0; c<=nG; c++) build_column(pb, pg, aIdx, nIdx, aG, nG, c, 1e9, -1e9);
    nIdx = 0;
    if( r ){
      aIdx[0] = ir;
      build_column(pb, pg, aIdx, 1, aG, 0, 0, xLeft, xRight);
    }
  }
  free(aIdx);
}

/* Write the paragraphs of pb to out, one per line, and free them. */
static void build_flush(PBuild *pb, TextWriter *w){
  para_end(pb);
  for(int i=0; i<pb->nPara; i++){
    Buf *p = &pb->aPara[i];
    if( p->n ){
      const char *z = p->a;
      const char *zTab;
      while( (zTab = memchr(z, '\t', p->n - (size_t)(z - p->a)))!=0 ){
        tw_text(w, z, (size_t)(zTab - z));
        tw_cell(w);
        z = zTab + 1;
      }
      tw_text(w, z, p->n - (size_t)(z - p->a));
    }
    tw_line(w);
    buf_free(p);
  }
  for(int k=0; k<16; k++) buf_free(&pb->aCell[k]);
  free(pb->aPara);
  free(pb->zHeader);
  memset(pb, 0, sizeof(*pb));
  pb->iCur = pb->iPending = -1;
  pb->iLastTable = -2;
}

/* See formats.h. */
int pdf_layout_text(PdfLayout *p, Buf *out){
  mark_furniture(p);
  double hBody = body_height(p);
  mark_notes(p, hBody);
  TextWriter w;
  tw_init(&w, out);
  PBuild pb;
  memset(&pb, 0, sizeof(pb));
  pb.iCur = pb.iPending = -1;
  pb.iLastTable = -2;
  for(int ip=0; ip<p->nPage; ip++){
    build_page(&pb, &p->aPage[ip], ROW_FURNITURE|ROW_NOTE, 0, hBody);
  }
  build_flush(&pb, &w);
  /* the notes */
  int bNotes = 0;
  for(int ip=0; ip<p->nPage && !bNotes; ip++){
    for(int ir=0; ir<p->aPage[ip].nRow; ir++){
      if( p->aPage[ip].aRow[ir].flags & ROW_NOTE ){ bNotes = 1; break; }
    }
  }
  if( bNotes ){
    tw_text(&w, "注释", strlen("注释"));
    tw_line(&w);
    pb.bSuper = 2;
    for(int ip=0; ip<p->nPage; ip++){
      build_page(&pb, &p->aPage[ip], ROW_FURNITURE, ROW_NOTE, hBody);
    }
    build_flush(&pb, &w);
  }
  tw_line(&w);
  return p->nGlyph;
}

/* ---------------------------------------------------------------------
** poppler
*/

/* Log handler for poppler's messages about broken files: quiet, so that
** the one-line error is what the user sees. */
static void quiet_log(const gchar *zDomain, GLogLevelFlags level, const gchar *zMsg, gpointer p){
  (void)zDomain; (void)level; (void)zMsg; (void)p;
}

/* Add page pPage's glyphs to the layout. */
static void add_poppler_page(PdfLayout *lay, PopplerPage *pPage){
  double w = 0, h = 0;
  poppler_page_get_size(pPage, &w, &h);
  char *zText = poppler_page_get_text(pPage);
  PopplerRectangle *aRect = 0;
  guint nRect = 0;
  if( zText && !poppler_page_get_text_layout(pPage, &aRect, &nRect) ){
    aRect = 0;
    nRect = 0;
  }
  PdfChar *aChar = 0;
  int nChar = 0, nAlloc = 0;
  size_t n = zText ? strlen(zText) : 0, i = 0;
  guint iRect = 0;
  while( i<n && iRect<nRect ){
    unsigned cp;
    int k = utf8_decode((const unsigned char*)zText+i, n-i, &cp);
    if( k<=0 ){ i++; iRect++; continue; }
    i += (size_t)k;
    PopplerRectangle *pr = &aRect[iRect++];
    PdfChar *c = ARRAY_PUSH(aChar, nChar, nAlloc);
    c->cp = cp;
    c->x1 = pr->x1;
    c->y1 = pr->y1;
    c->x2 = pr->x2;
    c->y2 = pr->y2;
  }
  pdf_layout_add_page(lay, aChar, nChar, w, h);
  free(aChar);
  g_free(aRect);
  g_free(zText);
}

/* See formats.h. */
int pdf_to_text(const char *zName, const unsigned char *a, size_t n,
                Buf *out, const char **pzEnc, Err *e){
  static gsize bQuiet = 0;
  if( g_once_init_enter(&bQuiet) ){
    g_log_set_handler("Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION,
                      quiet_log, 0);
    g_once_init_leave(&bQuiet, 1);
  }
  buf_reset(out);
  *pzEnc = "UTF-8";
  GError *err = 0;
  GBytes *bytes = g_bytes_new_static(a, n);
  PopplerDocument *doc = poppler_document_new_from_bytes(bytes, 0, &err);
  if( doc==0 ){
    int bEnc = err && err->domain==POPPLER_ERROR && err->code==POPPLER_ERROR_ENCRYPTED;
    if( bEnc ){
      err_set(e, ERR_INPUT, "%s: encrypted PDF; ask for an unprotected copy", zName);
    }else{
      err_set(e, ERR_INPUT, "%s: a damaged PDF that cannot be read (%s); ask for the "
              "file again", zName, err && err->message ? err->message : "unknown error");
    }
    if( err ) g_error_free(err);
    g_bytes_unref(bytes);
    return -1;
  }
  int nPage = poppler_document_get_n_pages(doc);
  if( nPage>PDF_MAX_PAGES ){
    g_object_unref(doc);
    g_bytes_unref(bytes);
    return err_set(e, ERR_TOOBIG, "%s: a PDF of %d pages; at most %d are read",
                   zName, nPage, PDF_MAX_PAGES);
  }
  PdfLayout *lay = pdf_layout_new();
  for(int i=0; i<nPage; i++){
    PopplerPage *pPage = poppler_document_get_page(doc, i);
    if( pPage==0 ) continue;
    add_poppler_page(lay, pPage);
    g_object_unref(pPage);
  }
  int nGlyph = pdf_layout_text(lay, out);
  pdf_layout_free(lay);
  g_object_unref(doc);
  g_bytes_unref(bytes);
  if( nGlyph < 10*(nPage>0 ? nPage : 1) ){
    buf_reset(out);
    return err_set(e, ERR_INPUT, "%s: a scanned PDF with no text layer (%d page%s); "
                   "run OCR or ask for the text version", zName, nPage, nPage==1 ? "" : "s");
  }
  return 0;
}
