/*
** docx_in.c -- a report written in Word (.docx) to plain text (see
** formats.h).
**
** The .docx is a zip (read with libzip from memory) of XML parts (parsed
** with libxml2, no network, no entity expansion):
**   word/document.xml   the body: paragraphs (w:p), tables (w:tbl), content
**                       controls (w:sdt), in order
**   word/numbering.xml  automatic numbering: w:num -> w:abstractNum, whose
**                       levels (w:lvl) give the start, the number format
**                       (w:numFmt) and the label text (w:lvlText "%1、")
**   word/styles.xml     paragraph styles, which can carry the numbering
**                       (w:numPr) and inherit it (w:basedOn)
**   word/footnotes.xml, word/endnotes.xml   notes, written after the body
**                       under a line "注释", never inside it
** Headers and footers are page furniture and are not read.
**
** Numbering follows Word: counters belong to the abstract numbering, so
** lists that share one continue each other unless a w:startOverride
** restarts them; using a level resets the levels below it (w:lvlRestart
** can change that).  Each paragraph is one line, its label first; each
** table row is one line with its cells separated by a tab; a w:br is a new
** line; deleted text, field codes, hidden text and drawings are left out.
*/
#include "formats.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

/* Largest part read from the zip (bytes, uncompressed). */
#define DOCX_MAX_PART (64*1024*1024)
#define DOCX_NLVL 9

/* ---------------------------------------------------------------------
** Number formats
*/

/* Append the UTF-8 of code point cp to out. */
static void put_cp(Buf *out, unsigned cp){
  buf_put_cp(out, cp);
}

/* Append n (1..99999999) in Chinese counting numerals to out: 一 … 十
** 十一 … 九十九 一百 一百零一 一百一十 … 一千 … 一万.  The digits are
** azDigit[0..9], the units azUnit: 十 百 千 万. */
static void chinese_counting(Buf *out, int n, const char *const *azDigit,
                             const char *const *azUnit, int bTenAlone){
  if( n>=10000 ){
    chinese_counting(out, n/10000, azDigit, azUnit, bTenAlone);
    buf_puts(out, azUnit[3]);
    n %= 10000;
    if( n==0 ) return;
    if( n<1000 ) buf_puts(out, azDigit[0]);
    chinese_counting(out, n, azDigit, azUnit, 0);
    return;
  }
  static const int aPow[] = { 1000, 100, 10 };
  int bZero = 0, bAny = 0;
  for(int k=0; k<3; k++){
    int d = n / aPow[k] % 10;
    if( d==0 ){
      if( bAny ) bZero = 1;
      continue;
    }
    if( bZero ){ buf_puts(out, azDigit[0]); bZero = 0; }
    /* 十一 rather than 一十一 when ten is the highest unit */
    if( !(k==2 && d==1 && !bAny && bTenAlone) ) buf_puts(out, azDigit[d]);
    buf_puts(out, azUnit[2-k]);
    bAny = 1;
  }
  int d = n % 10;
  if( d ){
    if( bZero ) buf_puts(out, azDigit[0]);
    buf_puts(out, azDigit[d]);
  }else if( !bAny ){
    buf_puts(out, azDigit[0]);
  }
}

/* Append n as letters: 1 a, 26 z, 27 aa, 28 bb (Word's way). */
static void letters(Buf *out, int n, char cBase){
  int nRep = (n-1)/26 + 1;
  if( nRep>8 ) nRep = 8;
  for(int i=0; i<nRep; i++) buf_putc(out, cBase + (n-1)%26);
}

/* Append n in Roman numerals (upper case when bUpper); decimal above
** 3999. */
static void roman(Buf *out, int n, int bUpper){
  static const struct { int v; const char *z; } a[] = {
    {1000,"m"},{900,"cm"},{500,"d"},{400,"cd"},{100,"c"},{90,"xc"},
    {50,"l"},{40,"xl"},{10,"x"},{9,"ix"},{5,"v"},{4,"iv"},{1,"i"},
  };
  if( n>3999 ){ buf_printf(out, "%d", n); return; }
  for(size_t k=0; k<sizeof(a)/sizeof(a[0]); k++){
    while( n>=a[k].v ){
      for(const char *z=a[k].z; *z; z++) buf_putc(out, bUpper ? *z-32 : *z);
      n -= a[k].v;
    }
  }
}

/* See formats.h. */
void docx_format_number(Buf *out, int n, const char *zFmt){
  static const char *const azDigit[] = {"〇","一","二","三","四","五","六","七","八","九"};
  static const char *const azUnit[] = {"十","百","千","万"};
  static const char *const azLegal[] = {"零","壹","贰","叁","肆","伍","陆","柒","捌","玖"};
  static const char *const azLegalUnit[] = {"拾","佰","仟","万"};
  static const char *const azLegalT[] = {"零","壹","貳","參","肆","伍","陸","柒","捌","玖"};
  static const char *const azLegalTUnit[] = {"拾","佰","仟","萬"};
  static const char *const azZero[] = {"零","一","二","三","四","五","六","七","八","九"};
  static const char *const azGan[] = {"甲","乙","丙","丁","戊","己","庚","辛","壬","癸"};
  static const char *const azZhi[] = {"子","丑","寅","卯","辰","巳","午","未","申","酉","戌","亥"};
  if( zFmt==0 ) zFmt = "decimal";
  if( strcmp(zFmt, "bullet")==0 || strcmp(zFmt, "none")==0 ) return;
  if( n<=0 ){ buf_printf(out, "%d", n); return; }
  if( strcmp(zFmt, "chineseCounting")==0 || strcmp(zFmt, "japaneseCounting")==0
   || strcmp(zFmt, "taiwaneseCounting")==0 ){
    chinese_counting(out, n, azZero, azUnit, 1);
  }else if( strcmp(zFmt, "chineseCountingThousand")==0
         || strcmp(zFmt, "taiwaneseCountingThousand")==0
         || strcmp(zFmt, "koreanCounting")==0 ){
    chinese_counting(out, n, azZero, azUnit, 1);
  }else if( strcmp(zFmt, "chineseLegalSimplified")==0 ){
    chinese_counting(out, n, azLegal, azLegalUnit, 0);
  }else if( strcmp(zFmt, "ideographLegalTraditional")==0
         || strcmp(zFmt, "japaneseLegal")==0 ){
    chinese_counting(out, n, azLegalT, azLegalTUnit, 0);
  }else if( strcmp(zFmt, "ideographDigital")==0 || strcmp(zFmt, "taiwaneseDigital")==0
         || strcmp(zFmt, "japaneseDigitalTenThousand")==0 ){
    char z[16];
    snprintf(z, sizeof(z), "%d", n);
    for(char *s=z; *s; s++) buf_puts(out, azDigit[*s-'0']);
  }else if( strcmp(zFmt, "ideographTraditional")==0 && n<=10 ){
    buf_puts(out, azGan[n-1]);
  }else if( strcmp(zFmt, "ideographZodiac")==0 && n<=12 ){
    buf_puts(out, azZhi[n-1]);
  }else if( strcmp(zFmt, "ideographEnclosedCircle")==0 && n<=10 ){
    put_cp(out, 0x3220 + n - 1);                       /* ㈠ */
  }else if( (strcmp(zFmt, "decimalEnclosedCircle")==0
          || strcmp(zFmt, "decimalEnclosedCircleChinese")==0) && n<=50 ){
    put_cp(out, n<=20 ? 0x2460+n-1 : n<=35 ? 0x3251+n-21 : 0x32B1+n-36);  /* ① */
  }else if( strcmp(zFmt, "decimalEnclosedFullstop")==0 && n<=20 ){
    put_cp(out, 0x2488 + n - 1);                       /* ⒈ */
  }else if( strcmp(zFmt, "decimalEnclosedParen")==0 && n<=20 ){
    put_cp(out, 0x2474 + n - 1);                       /* ⑴ */
  }else if( strcmp(zFmt, "decimalFullWidth")==0 || strcmp(zFmt, "decimalFullWidth2")==0 ){
    char z[16];
    snprintf(z, sizeof(z), "%d", n);
    for(char *s=z; *s; s++) put_cp(out, 0xFF10 + (unsigned)(*s-'0'));
  }else if( strcmp(zFmt, "decimalZero")==0 ){
    buf_printf(out, "%02d", n);
  }else if( strcmp(zFmt, "lowerLetter")==0 ){
    letters(out, n, 'a');
  }else if( strcmp(zFmt, "upperLetter")==0 ){
    letters(out, n, 'A');
  }else if( strcmp(zFmt, "lowerRoman")==0 ){
    roman(out, n, 0);
  }else if( strcmp(zFmt, "upperRoman")==0 ){
    roman(out, n, 1);
  }else{
    buf_printf(out, "%d", n);
  }
}

/* ---------------------------------------------------------------------
** The parts of a .docx
*/

/* One level of a numbering definition. */
typedef struct DLvl DLvl;
struct DLvl {
  int bSet;          /* defined */
  int iStart;        /* w:start */
  char *zFmt;        /* w:numFmt, e.g. "chineseCounting" */
  char *zText;       /* w:lvlText, e.g. "%1、"; NULL: none */
  int bLgl;          /* w:isLgl: the label's numbers all in decimal */
  int iSuff;         /* w:suff: 0 tab, 1 space, 2 nothing */
  int iRestart;      /* w:lvlRestart: -1 default, 0 never, k after level k */
  char *zStyle;      /* w:pStyle linking this level to a paragraph style */
};

/* An abstract numbering (w:abstractNum) and its counters. */
typedef struct DAbs DAbs;
struct DAbs {
  int id;                  /* w:abstractNumId */
  DLvl aLvl[DOCX_NLVL];    /* its levels */
  int aCount[DOCX_NLVL];   /* current value of each level */
  int aUsed[DOCX_NLVL];    /* the level has a current value */
};

/* A numbering instance (w:num), what paragraphs refer to. */
typedef struct DNum DNum;
struct DNum {
  int id;                    /* w:numId */
  int iAbs;                  /* index into Docx.aAbs, -1 when unknown */
  int aStart[DOCX_NLVL];     /* w:startOverride, -1 none */
  DLvl aLvl[DOCX_NLVL];      /* w:lvlOverride/w:lvl replacements */
  int bUsed;                 /* a paragraph used it already */
};

/* A paragraph style with numbering. */
typedef struct DStyle DStyle;
struct DStyle {
  char *zId;         /* w:styleId */
  char *zBasedOn;    /* w:basedOn, NULL when none */
  int numId;         /* from w:numPr, -1 when not given */
  int ilvl;          /* from w:numPr, -1 when not given */
};

/* A footnote or endnote, by id. */
typedef struct DNote DNote;
struct DNote {
  int id;            /* w:id */
  xmlNodePtr p;      /* the w:footnote / w:endnote element */
};

typedef struct Docx Docx;
struct Docx {
  DAbs *aAbs; int nAbs, nAbsAlloc;
  DNum *aNum; int nNum, nNumAlloc;
  DStyle *aStyle; int nStyle, nStyleAlloc;
  DNote *aFoot; int nFoot, nFootAlloc;       /* footnotes.xml */
  DNote *aEnd; int nEnd, nEndAlloc;          /* endnotes.xml */
  int *aRef; int nRef, nRefAlloc;            /* note ids in reference order */
  int *aRefEnd; int nRefEnd, nRefEndAlloc;   /* (1 for an endnote) */
  TextWriter w;      /* the output */
  int nCell;         /* >0 inside a table cell */
  int iNote;         /* number of the note being written, 0 in the body */
};

/* True when element p has the local name z (any namespace prefix). */
static int is_el(xmlNodePtr p, const char *z){
  return p && p->type==XML_ELEMENT_NODE && strcmp((const char*)p->name, z)==0;
}

/* The first child element of p called z, or NULL. */
static xmlNodePtr child_el(xmlNodePtr p, const char *z){
  for(xmlNodePtr c = p ? p->children : 0; c; c = c->next){
    if( is_el(c, z) ) return c;
  }
  return 0;
}

/* The value of attribute zAttr of p (any namespace) as a malloced string,
** or NULL. */
static char *attr_dup(xmlNodePtr p, const char *zAttr){
  if( p==0 ) return 0;
  xmlChar *z = xmlGetProp(p, (const xmlChar*)zAttr);
  if( z==0 ) return 0;
  char *zCopy = xstrdup((const char*)z);
  xmlFree(z);
  return zCopy;
}

/* The integer in attribute zAttr of p, or iDefault when absent or not a
** number (clamped to +-1e8). */
static int attr_int(xmlNodePtr p, const char *zAttr, int iDefault){
  char *z = attr_dup(p, zAttr);
  if( z==0 ) return iDefault;
  char *zEnd;
  long v = strtol(z, &zEnd, 10);
  int bOk = zEnd!=z;
  free(z);
  if( !bOk ) return iDefault;
  if( v>100000000 ) v = 100000000;
  if( v<-100000000 ) v = -100000000;
  return (int)v;
}

/* The w:val of child z of p as an int, or iDefault. */
static int child_val_int(xmlNodePtr p, const char *z, int iDefault){
  return attr_int(child_el(p, z), "val", iDefault);
}

/* True when the on/off property child z of p is on (present and not
** w:val="0"/"false"/"off"). */
static int child_on(xmlNodePtr p, const char *z){
  xmlNodePtr c = child_el(p, z);
  if( c==0 ) return 0;
  char *v = attr_dup(c, "val");
  int bOn = v==0 || !(strcmp(v, "0")==0 || strcmp(v, "false")==0 || strcmp(v, "off")==0);
  free(v);
  return bOn;
}

/* Free the strings of a level. */
static void lvl_clear(DLvl *l){
  free(l->zFmt);
  free(l->zText);
  free(l->zStyle);
  memset(l, 0, sizeof(*l));
}

/* Read one w:lvl element into l (replacing what was there). */
static void lvl_read(DLvl *l, xmlNodePtr p){
  lvl_clear(l);
  l->bSet = 1;
  l->iStart = child_val_int(p, "start", 0);
  l->zFmt = attr_dup(child_el(p, "numFmt"), "val");
  l->zText = attr_dup(child_el(p, "lvlText"), "val");
  l->bLgl = child_on(p, "isLgl");
  l->iRestart = child_val_int(p, "lvlRestart", -1);
  l->zStyle = attr_dup(child_el(p, "pStyle"), "val");
  char *zSuff = attr_dup(child_el(p, "suff"), "val");
  l->iSuff = zSuff==0 ? 0 : strcmp(zSuff, "space")==0 ? 1 : strcmp(zSuff, "nothing")==0 ? 2 : 0;
  free(zSuff);
}

/* Read numbering.xml: the abstract numberings and the instances. */
static void read_numbering(Docx *d, xmlNodePtr root){
  for(xmlNodePtr c = root ? root->children : 0; c; c = c->next){
    if( is_el(c, "abstractNum") ){
      DAbs *a = ARRAY_PUSH(d->aAbs, d->nAbs, d->nAbsAlloc);
      a->id = attr_int(c, "abstractNumId", -1);
      for(xmlNodePtr l = c->children; l; l = l->next){
        int i = is_el(l, "lvl") ? attr_int(l, "ilvl", -1) : -1;
        if( i>=0 && i<DOCX_NLVL ) lvl_read(&a->aLvl[i], l);
      }
    }
  }
  for(xmlNodePtr c = root ? root->children : 0; c; c = c->next){
    if( !is_el(c, "num") ) continue;
    DNum *n = ARRAY_PUSH(d->aNum, d->nNum, d->nNumAlloc);
    n->id = attr_int(c, "numId", -1);
    n->iAbs = -1;
    int idAbs = child_val_int(c, "abstractNumId", -1);
    for(int i=0; i<d->nAbs; i++){
      if( d->aAbs[i].id==idAbs ){ n->iAbs = i; break; }
    }
    for(int i=0; i<DOCX_NLVL; i++) n->aStart[i] = -1;
    for(xmlNodePtr o = c->children; o; o = o->next){
      int i = is_el(o, "lvlOverride") ? attr_int(o, "ilvl", -1) : -1;
      if( i<0 || i>=DOCX_NLVL ) continue;
      xmlNodePtr s = child_el(o, "startOverride");
      if( s ) n->aStart[i] = attr_int(s, "val", 0);
      xmlNodePtr l = child_el(o, "lvl");
      if( l ) lvl_read(&n->aLvl[i], l);
    }
  }
}

/* Read the numbering of a w:numPr into *pNumId and *pIlvl (-1 for each
** not given). */
static void read_numpr(xmlNodePtr numPr, int *pNumId, int *pIlvl){
  *pNumId = child_val_int(numPr, "numId", -1);
  *pIlvl = child_val_int(numPr, "ilvl", -1);
}

/* Read styles.xml: paragraph styles, their base and numbering. */
static void read_styles(Docx *d, xmlNodePtr root){
  for(xmlNodePtr c = root ? root->children : 0; c; c = c->next){
    if( !is_el(c, "style") ) continue;
    char *zType = attr_dup(c, "type");
    int bPara = zType==0 || strcmp(zType, "paragraph")==0;
    free(zType);
    if( !bPara ) continue;
    DStyle *s = ARRAY_PUSH(d->aStyle, d->nStyle, d->nStyleAlloc);
    s->zId = attr_dup(c, "styleId");
    s->zBasedOn = attr_dup(child_el(c, "basedOn"), "val");
    read_numpr(child_el(child_el(c, "pPr"), "numPr"), &s->numId, &s->ilvl);
  }
}

/* The style with id z, or NULL. */
static DStyle *style_find(Docx *d, const char *z){
  if( z==0 ) return 0;
  for(int i=0; i<d->nStyle; i++){
    if( d->aStyle[i].zId && strcmp(d->aStyle[i].zId, z)==0 ) return &d->aStyle[i];
  }
  return 0;
}

/* The numbering instance with id numId, or NULL. */
static DNum *num_find(Docx *d, int numId){
  for(int i=0; i<d->nNum; i++){
    if( d->aNum[i].id==numId ) return &d->aNum[i];
  }
  return 0;
}

/* The definition of level i as num n sees it. */
static DLvl *num_lvl(Docx *d, DNum *n, int i){
  if( n->aLvl[i].bSet ) return &n->aLvl[i];
  return &d->aAbs[n->iAbs].aLvl[i];
}

/* Write the label of a paragraph numbered (numId, ilvl) to lbl, advancing
** the counters. Bullets and "none" write nothing. */
static void number_label(Docx *d, int numId, int ilvl, Buf *lbl){
  DNum *n = num_find(d, numId);
  if( n==0 || n->iAbs<0 || ilvl<0 || ilvl>=DOCX_NLVL ) return;
  DAbs *a = &d->aAbs[n->iAbs];
  if( !n->bUsed ){
    n->bUsed = 1;
    for(int i=0; i<DOCX_NLVL; i++){
      if( n->aStart[i]>=0 ) a->aUsed[i] = 0;
    }
  }
  /* advance this level, reset the ones below it */
  int iStart = n->aStart[ilvl]>=0 ? n->aStart[ilvl] : num_lvl(d, n, ilvl)->iStart;
  if( a->aUsed[ilvl] ){
    a->aCount[ilvl]++;
  }else{
    a->aCount[ilvl] = iStart;
    a->aUsed[ilvl] = 1;
  }
  for(int i=ilvl+1; i<DOCX_NLVL; i++){
    int r = num_lvl(d, n, i)->iRestart;
    if( r<0 || (r>0 && ilvl<=r-1) ) a->aUsed[i] = 0;
  }
  DLvl *l = num_lvl(d, n, ilvl);
  if( l->zText==0 || (l->zFmt && (strcmp(l->zFmt, "bullet")==0 || strcmp(l->zFmt, "none")==0)) ){
    return;
  }
  size_t i0 = lbl->n;
  for(const char *z = l->zText; *z; z++){
    if( z[0]=='%' && z[1]>='1' && z[1]<='9' ){
      int k = z[1]-'1';
      DLvl *lk = num_lvl(d, n, k);
      int v = a->aUsed[k] ? a->aCount[k]
              : (n->aStart[k]>=0 ? n->aStart[k] : lk->iStart);
      docx_format_number(lbl, v, l->bLgl ? "decimal" : lk->zFmt);
      z++;
    }else{
      buf_putc(lbl, *z);
    }
  }
  if( lbl->n==i0 ) return;
  /* the separator after the label: none after 、 ） ．, else a space */
  if( l->iSuff!=2 ){
    unsigned cp = 0;
    size_t j = lbl->n;
    while( j>i0 && (lbl->a[j-1] & 0xC0)==0x80 ) j--;
    if( j>i0 ) utf8_decode((unsigned char*)lbl->a+j-1, lbl->n-j+1, &cp);
    if( !cp_is_wide(cp) ) buf_putc(lbl, ' ');
  }
}

/* The numbering (numId, ilvl) of paragraph properties pPr, from the
** paragraph itself or its style chain; *pNumId is -1 (or 0) when none. */
static void para_numbering(Docx *d, xmlNodePtr pPr, int *pNumId, int *pIlvl){
  int numId = -1, ilvl = -1;
  read_numpr(child_el(pPr, "numPr"), &numId, &ilvl);
  char *zStyle = attr_dup(child_el(pPr, "pStyle"), "val");
  DStyle *s = style_find(d, zStyle);
  for(int depth=0; s && depth<16 && (numId<0 || ilvl<0); depth++){
    if( numId<0 && s->numId>=0 ) numId = s->numId;
    if( ilvl<0 && s->ilvl>=0 && s->numId>=0 ) ilvl = s->ilvl;
    s = style_find(d, s->zBasedOn);
  }
  if( numId>0 && ilvl<0 && zStyle ){
    /* a style linked from a level: that level */
    DNum *n = num_find(d, numId);
    for(int i=0; n && n->iAbs>=0 && i<DOCX_NLVL; i++){
      const char *z = num_lvl(d, n, i)->zStyle;
      if( z && strcmp(z, zStyle)==0 ){ ilvl = i; break; }
    }
  }
  free(zStyle);
  *pNumId = numId;
  *pIlvl = ilvl<0 ? 0 : ilvl;
}

/* ---------------------------------------------------------------------
** Rendering
*/

/* Remember note id as referenced (bEnd for endnotes), once; return its
** number (1-based, in reference order among notes of its kind). */
static int note_ref(Docx *d, int id, int bEnd){
  int k = 0;
  for(int i=0; i<d->nRef; i++){
    if( d->aRefEnd[i]==bEnd ){
      k++;
      if( d->aRef[i]==id ) return k;
    }
  }
  *(int*)ARRAY_PUSH(d->aRef, d->nRef, d->nRefAlloc) = id;
  *(int*)ARRAY_PUSH(d->aRefEnd, d->nRefEnd, d->nRefEndAlloc) = bEnd;
  return k+1;
}

/* Append the inline content of p (a paragraph or something inside one)
** to the paragraph buffer b: text as is, "\n" for a line break, " " for a
** tab. */
static void inline_text(Docx *d, xmlNodePtr p, Buf *b){
  for(xmlNodePtr c = p->children; c; c = c->next){
    if( c->type!=XML_ELEMENT_NODE ) continue;
    const char *z = (const char*)c->name;
    if( strcmp(z, "r")==0 ){
      if( child_on(child_el(c, "rPr"), "vanish") ) continue;
      inline_text(d, c, b);
    }else if( strcmp(z, "t")==0 ){
      xmlChar *zText = xmlNodeGetContent(c);
      if( zText ) buf_puts(b, (const char*)zText);
      xmlFree(zText);
    }else if( strcmp(z, "tab")==0 || strcmp(z, "ptab")==0 ){
      buf_putc(b, ' ');
    }else if( strcmp(z, "br")==0 ){
      char *zType = attr_dup(c, "type");
      if( zType==0 || strcmp(zType, "textWrapping")==0 ) buf_putc(b, '\n');
      free(zType);
    }else if( strcmp(z, "cr")==0 ){
      buf_putc(b, '\n');
    }else if( strcmp(z, "noBreakHyphen")==0 ){
      buf_putc(b, '-');
    }else if( strcmp(z, "footnoteReference")==0 || strcmp(z, "endnoteReference")==0 ){
      if( d->iNote==0 ) note_ref(d, attr_int(c, "id", -1), z[0]=='e');
    }else if( strcmp(z, "footnoteRef")==0 || strcmp(z, "endnoteRef")==0 ){
      if( d->iNote>0 ) buf_printf(b, "〔%d〕", d->iNote);
    }else if( strcmp(z, "hyperlink")==0 || strcmp(z, "smartTag")==0 || strcmp(z, "ins")==0
           || strcmp(z, "moveTo")==0 || strcmp(z, "customXml")==0 || strcmp(z, "fldSimple")==0
           || strcmp(z, "bdo")==0 || strcmp(z, "dir")==0 || strcmp(z, "sdtContent")==0 ){
      inline_text(d, c, b);
    }else if( strcmp(z, "sdt")==0 ){
      xmlNodePtr s = child_el(c, "sdtContent");
      if( s ) inline_text(d, s, b);
    }
    /* left out: w:del, w:moveFrom, w:delText, w:instrText, w:drawing,
    ** w:pict, w:object, mc:AlternateContent, m:oMath, w:pPr, w:rPr ... */
  }
}

/* True when n bytes at z hold something other than white space. */
static int has_text(const char *z, size_t n){
  size_t i = 0;
  while( i<n ){
    unsigned cp;
    int k = utf8_decode((const unsigned char*)z+i, n-i, &cp);
    if( k<=0 ){ i++; continue; }
    if( !cp_is_space(cp) ) return 1;
    i += (size_t)k;
  }
  return 0;
}

/* Write one paragraph: its numbering label, then its text; line breaks
** inside it start new lines (spaces inside a table cell). */
static void render_para(Docx *d, xmlNodePtr p){
  Buf b = BUF_INIT, lbl = BUF_INIT;
  int numId, ilvl;
  para_numbering(d, child_el(p, "pPr"), &numId, &ilvl);
  if( numId>0 ) number_label(d, numId, ilvl, &lbl);
  inline_text(d, p, &b);
  if( lbl.n>0 || (b.n>0 && has_text(b.a, b.n)) ){
    TextWriter *w = &d->w;
    if( d->nCell ) tw_space(w); else tw_line(w);
    if( lbl.n ){
      tw_text(w, lbl.a, lbl.n);
      if( lbl.a[lbl.n-1]==' ' ) tw_space(w);
    }
    const char *z = b.a ? b.a : "";
    const char *zNl;
    while( b.n>0 && (zNl = memchr(z, '\n', b.n - (size_t)(z - b.a)))!=0 ){
      tw_text(w, z, (size_t)(zNl - z));
      if( d->nCell ) tw_space(w); else tw_line(w);
      z = zNl + 1;
    }
    if( b.n>0 ) tw_text(w, z, b.n - (size_t)(z - b.a));
    if( d->nCell ) tw_space(w); else tw_line(w);
  }
  buf_free(&b);
  buf_free(&lbl);
}

static void render_blocks(Docx *d, xmlNodePtr p);

/* Write a table: each row one line, cells separated by tabs; inside a cell
** paragraphs and nested tables are separated by spaces. */
static void render_table(Docx *d, xmlNodePtr tbl){
  for(xmlNodePtr c = tbl->children; c; c = c->next){
    if( is_el(c, "tr") ){
      if( d->nCell ) tw_space(&d->w); else tw_line(&d->w);
      for(xmlNodePtr tc = c->children; tc; tc = tc->next){
        xmlNodePtr cell = tc;
        if( is_el(tc, "sdt") ) cell = child_el(child_el(tc, "sdtContent"), "tc");
        if( !is_el(cell, "tc") ) continue;
        if( d->nCell ) tw_space(&d->w); else tw_cell(&d->w);
        d->nCell++;
        render_blocks(d, cell);
        d->nCell--;
      }
      if( d->nCell ) tw_space(&d->w); else tw_line(&d->w);
    }else if( is_el(c, "sdt") || is_el(c, "customXml") ){
      xmlNodePtr s = is_el(c, "sdt") ? child_el(c, "sdtContent") : c;
      if( s ) render_table(d, s);
    }
  }
}

/* Write the block content of p (the body, a cell, a note): paragraphs and
** tables in order; content controls and custom XML are looked into. */
static void render_blocks(Docx *d, xmlNodePtr p){
  for(xmlNodePtr c = p->children; c; c = c->next){
    if( is_el(c, "p") ){
      render_para(d, c);
    }else if( is_el(c, "tbl") ){
      render_table(d, c);
    }else if( is_el(c, "sdt") ){
      xmlNodePtr s = child_el(c, "sdtContent");
      if( s ) render_blocks(d, s);
    }else if( is_el(c, "customXml") || is_el(c, "ins") || is_el(c, "moveTo") ){
      render_blocks(d, c);
    }
  }
}

/* Collect the notes of a notes part (w:footnotes or w:endnotes) into
** *paNote, leaving out separators. */
static void read_notes(xmlNodePtr root, DNote **paNote, int *pn, int *pnAlloc){
  for(xmlNodePtr c = root ? root->children : 0; c; c = c->next){
    if( !is_el(c, "footnote") && !is_el(c, "endnote") ) continue;
    char *zType = attr_dup(c, "type");
    int bSep = zType && strcmp(zType, "normal")!=0;
    free(zType);
    if( bSep ) continue;
    DNote *n = ARRAY_PUSH(*paNote, *pn, *pnAlloc);
    n->id = attr_int(c, "id", -1);
    n->p = c;
  }
}

/* Write the notes after the body: a line "注释", then each note referenced
** in the body, in order of reference, as "〔N〕text". */
static void render_notes(Docx *d){
  int bHead = 0;
  for(int bEnd=0; bEnd<2; bEnd++){
    int k = 0;
    for(int i=0; i<d->nRef; i++){
      if( d->aRefEnd[i]!=bEnd ) continue;
      k++;
      DNote *a = bEnd ? d->aEnd : d->aFoot;
      int n = bEnd ? d->nEnd : d->nFoot;
      for(int j=0; j<n; j++){
        if( a[j].id!=d->aRef[i] ) continue;
        if( !bHead ){
          tw_line(&d->w);
          tw_text(&d->w, "注释", strlen("注释"));
          tw_line(&d->w);
          bHead = 1;
        }
        d->iNote = k;
        render_blocks(d, a[j].p);
        d->iNote = 0;
        break;
      }
    }
  }
}

/* Free everything d holds (not the XML documents). */
static void docx_free(Docx *d){
  for(int i=0; i<d->nAbs; i++){
    for(int k=0; k<DOCX_NLVL; k++) lvl_clear(&d->aAbs[i].aLvl[k]);
  }
  for(int i=0; i<d->nNum; i++){
    for(int k=0; k<DOCX_NLVL; k++) lvl_clear(&d->aNum[i].aLvl[k]);
  }
  for(int i=0; i<d->nStyle; i++){
    free(d->aStyle[i].zId);
    free(d->aStyle[i].zBasedOn);
  }
  free(d->aAbs);
  free(d->aNum);
  free(d->aStyle);
  free(d->aFoot);
  free(d->aEnd);
  free(d->aRef);
  free(d->aRefEnd);
}

/* ---------------------------------------------------------------------
** The zip
*/

/* Read the zip entry zPath into a malloced buffer (*pz, *pn). Returns 0
** when read, 1 when there is no such entry, -1 on error (e set). */
static int zip_part(zip_t *za, const char *zName, const char *zPath,
                    char **pz, size_t *pn, Err *e){
  *pz = 0;
  *pn = 0;
  zip_int64_t i = zip_name_locate(za, zPath, 0);
  if( i<0 ) return 1;
  zip_file_t *f = zip_fopen_index(za, (zip_uint64_t)i, 0);
  if( f==0 ){
    zip_error_t *ze = zip_get_error(za);
    int bPw = zip_error_code_zip(ze)==ZIP_ER_NOPASSWD || zip_error_code_zip(ze)==ZIP_ER_WRONGPASSWD;
    if( bPw ){
      err_set(e, ERR_INPUT, "%s: a password-protected zip (%s); ask for an "
              "unprotected copy", zName, zPath);
    }else{
      err_set(e, ERR_INPUT, "%s: a damaged Word document (%s: %s); ask for the "
              "file again", zName, zPath, zip_strerror(za));
    }
    return -1;
  }
  Buf b = BUF_INIT;
  char aChunk[16384];
  zip_int64_t n;
  while( (n = zip_fread(f, aChunk, sizeof(aChunk)))>0 ){
    if( b.n + (size_t)n > DOCX_MAX_PART ){
      zip_fclose(f);
      buf_free(&b);
      err_set(e, ERR_TOOBIG, "%s: %s is larger than %d MB unpacked; not a report",
              zName, zPath, DOCX_MAX_PART/(1024*1024));
      return -1;
    }
    buf_append(&b, aChunk, (size_t)n);
  }
  if( n<0 ){
    err_set(e, ERR_INPUT, "%s: a damaged Word document (%s: %s); ask for the file again",
            zName, zPath, zip_file_strerror(f));
    zip_fclose(f);
    buf_free(&b);
    return -1;
  }
  zip_fclose(f);
  *pn = b.n;
  *pz = b.a ? buf_detach(&b) : xstrdup("");
  return 0;
}

/* Read and parse the XML part zPath; *pDoc is NULL when the part is
** absent. Returns nonzero on error (e set). */
static int xml_part(zip_t *za, const char *zName, const char *zPath,
                    xmlDocPtr *pDoc, Err *e){
  char *z;
  size_t n;
  *pDoc = 0;
  int rc = zip_part(za, zName, zPath, &z, &n, e);
  if( rc ) return rc<0 ? -1 : 0;
  if( n>INT_MAX ){
    free(z);
    return err_set(e, ERR_TOOBIG, "%s: %s is too large", zName, zPath);
  }
  *pDoc = xmlReadMemory(z, (int)n, zPath, 0,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  free(z);
  if( *pDoc==0 ){
    const xmlError *x = xmlGetLastError();
    return err_set(e, ERR_INPUT, "%s: a damaged Word document (%s is not well-formed "
                   "XML, line %d); ask for the file again", zName, zPath, x ? x->line : 0);
  }
  return 0;
}

/* The message for a zip that holds no Word document: what it holds. */
static int not_docx(zip_t *za, const char *zName, Err *e){
  if( zip_name_locate(za, "xl/workbook.xml", 0)>=0 ){
    return err_set(e, ERR_INPUT, "%s: an Excel workbook (.xlsx), not a report; "
                   "import the report itself as .docx, PDF or text", zName);
  }
  if( zip_name_locate(za, "ppt/presentation.xml", 0)>=0 ){
    return err_set(e, ERR_INPUT, "%s: a PowerPoint presentation (.pptx); "
                   "import the report itself as .docx, PDF or text", zName);
  }
  if( zip_name_locate(za, "content.xml", 0)>=0 && zip_name_locate(za, "mimetype", 0)>=0 ){
    return err_set(e, ERR_INPUT, "%s: an OpenDocument file (.odt/.ods); "
                   "save it as .docx or PDF and import that", zName);
  }
  return err_set(e, ERR_INPUT, "%s: a zip archive without a Word document in it; "
                 "unpack it and import the report", zName);
}

/* See formats.h. */
int docx_to_text(const char *zName, const unsigned char *a, size_t n,
                 Buf *out, const char **pzEnc, Err *e){
  zip_error_t ze;
  zip_error_init(&ze);
  buf_reset(out);
  *pzEnc = "UTF-8";
  zip_source_t *src = zip_source_buffer_create(a, n, 0, &ze);
  zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : 0;
  if( za==0 ){
    err_set(e, ERR_INPUT, "%s: a damaged zip file (%s); if it is a Word document, "
            "ask for it again or save it again as .docx", zName, zip_error_strerror(&ze));
    if( src ) zip_source_free(src);
    zip_error_fini(&ze);
    return -1;
  }
  zip_error_fini(&ze);
  if( zip_name_locate(za, "word/document.xml", 0)<0 ){
    not_docx(za, zName, e);
    zip_close(za);
    return -1;
  }
  Docx d;
  memset(&d, 0, sizeof(d));
  xmlDocPtr docBody = 0, docNum = 0, docStyle = 0, docFoot = 0, docEnd = 0;
  int rc = xml_part(za, zName, "word/document.xml", &docBody, e)
        || xml_part(za, zName, "word/numbering.xml", &docNum, e)
        || xml_part(za, zName, "word/styles.xml", &docStyle, e)
        || xml_part(za, zName, "word/footnotes.xml", &docFoot, e)
        || xml_part(za, zName, "word/endnotes.xml", &docEnd, e);
  zip_discard(za);
  if( rc==0 ){
    xmlNodePtr body = child_el(xmlDocGetRootElement(docBody), "body");
    if( body==0 ){
      rc = err_set(e, ERR_INPUT, "%s: a damaged Word document (no w:body in "
                   "word/document.xml); ask for the file again", zName);
    }else{
      read_numbering(&d, docNum ? xmlDocGetRootElement(docNum) : 0);
      read_styles(&d, docStyle ? xmlDocGetRootElement(docStyle) : 0);
      read_notes(docFoot ? xmlDocGetRootElement(docFoot) : 0, &d.aFoot, &d.nFoot, &d.nFootAlloc);
      read_notes(docEnd ? xmlDocGetRootElement(docEnd) : 0, &d.aEnd, &d.nEnd, &d.nEndAlloc);
      tw_init(&d.w, out);
      render_blocks(&d, body);
      render_notes(&d);
      tw_line(&d.w);
      if( out->n==0 ){
        rc = err_set(e, ERR_INPUT, "%s: a Word document without text (it may hold only "
                     "images); ask for the text version", zName);
      }
    }
  }
  docx_free(&d);
  xmlFreeDoc(docBody);
  xmlFreeDoc(docNum);
  xmlFreeDoc(docStyle);
  xmlFreeDoc(docFoot);
  xmlFreeDoc(docEnd);
  if( rc ) buf_reset(out);
  return rc;
}
