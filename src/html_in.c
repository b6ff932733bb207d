/*
** html_in.c -- a report published as a web page to plain text (see
** formats.h).
**
** 1. Charset: a BOM, else the page's <meta> charset (GB2312/GBK/GB18030 are
**    decoded as GB18030, its superset), else UTF-8 when the bytes are valid
**    UTF-8, else GB18030.  The page is converted to UTF-8 before libxml2's
**    HTML parser sees it, and the parser is told to ignore the <meta>.
** 2. Chrome: script, style, nav, header, footer, aside, form, iframe ...
**    are dropped, and so are elements whose class or id says nav, menu,
**    share, footer, breadcrumb, related, comment ... (unless they hold most
**    of the page's text, which then is no chrome but a badly named wrapper).
** 3. Main text: the element with the most Chinese characters in its
**    paragraph children (text, inline elements, <p>, <h2>, <li>, a <div>
**    without blocks) is the report; siblings with a fair share of text and
**    few links join it.  The nearest <h1> before it is kept as its title.
** 4. Rendering: block elements and <br> end lines, each table row is one
**    line with its cells separated by a tab, link lists inside the text and
**    leftover chrome lines (【字号：大 中 小】, 打印本页, 分享到) are dropped.
*/
#include "formats.h"
#include "decode.h"
#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

/* Largest page accepted (bytes). */
#define HTML_MAX_BYTES (64*1024*1024)

/* True when the n bytes at a start with z, ignoring ASCII case. */
static int prefix_nocase(const unsigned char *a, size_t n, const char *z){
  size_t k = strlen(z);
  return n>=k && strncasecmp((const char*)a, z, k)==0;
}

/* Position of z in a[0..n) ignoring ASCII case, or n when absent. */
static size_t find_nocase(const unsigned char *a, size_t n, const char *z){
  size_t k = strlen(z);
  for(size_t i=0; i+k<=n; i++){
    if( strncasecmp((const char*)a+i, z, k)==0 ) return i;
  }
  return n;
}

/* See formats.h. */
int html_sniff(const unsigned char *a, size_t n){
  static const char *azOpen[] = {
    "<!doctype html", "<html", "<head", "<body", "<meta", "<title",
  };
  static const char *azTag[] = {
    "<p>", "<p ", "</p>", "<div", "<br", "<table", "<tr", "<td", "<span",
    "<li>", "<h1", "<h2",
  };
  size_t i = 0;
  if( n>=3 && a[0]==0xEF && a[1]==0xBB && a[2]==0xBF ) i = 3;
  while( i<n && (a[i]==' ' || a[i]=='\t' || a[i]=='\r' || a[i]=='\n') ) i++;
  for(size_t k=0; k<sizeof(azOpen)/sizeof(azOpen[0]); k++){
    if( prefix_nocase(a+i, n-i, azOpen[k]) ) return 2;
  }
  if( i<n && a[i]=='<' && (prefix_nocase(a+i, n-i, "<?xml") || prefix_nocase(a+i, n-i, "<!--")) ){
    size_t m = n-i < 4096 ? n-i : 4096;
    if( find_nocase(a+i, m, "<html")<m ) return 2;
  }
  /* a page or fragment that starts with a tag and has several: HTML.  A
  ** text that only carries a few tags left by a scraper ("…。<br>") stays
  ** text, so that its spans count in the file as it is (clean.c drops the
  ** tags). */
  if( i>=n || a[i]!='<' ) return 0;
  size_t m = n < 65536 ? n : 65536;
  int nTag = 0;
  for(size_t j=0; j<m && nTag<4; j++){
    if( a[j]!='<' ) continue;
    for(size_t k=0; k<sizeof(azTag)/sizeof(azTag[0]); k++){
      if( prefix_nocase(a+j, m-j, azTag[k]) ){ nTag++; break; }
    }
  }
  return nTag>=4;
}

/* The static name of the charset called z (n bytes), NULL when unknown. */
static const char *charset_name(const char *z, size_t n){
  static const struct { const char *zAlias; const char *zName; } aMap[] = {
    {"utf-8", "UTF-8"}, {"utf8", "UTF-8"},
    {"gb2312", "GB2312"}, {"gb_2312-80", "GB2312"}, {"euc-cn", "GB2312"},
    {"x-euc-cn", "GB2312"}, {"csgb2312", "GB2312"}, {"chinese", "GB2312"},
    {"gbk", "GBK"}, {"x-gbk", "GBK"}, {"cp936", "GBK"}, {"windows-936", "GBK"},
    {"ms936", "GBK"}, {"gb18030", "GB18030"},
    {"big5", "BIG5"}, {"big5-hkscs", "BIG5"}, {"x-x-big5", "BIG5"}, {"cn-big5", "BIG5"},
  };
  for(size_t k=0; k<sizeof(aMap)/sizeof(aMap[0]); k++){
    if( strlen(aMap[k].zAlias)==n && strncasecmp(aMap[k].zAlias, z, n)==0 ){
      return aMap[k].zName;
    }
  }
  return 0;
}

/* The charset named after "charset" or "encoding" (zKey) somewhere in
** a[0..n): skips blanks, "=", quotes; NULL when absent or unknown. */
static const char *charset_after(const unsigned char *a, size_t n, const char *zKey){
  size_t i = find_nocase(a, n, zKey);
  if( i>=n ) return 0;
  i += strlen(zKey);
  while( i<n && (a[i]==' ' || a[i]=='\t' || a[i]=='\r' || a[i]=='\n') ) i++;
  if( i>=n || a[i]!='=' ) return 0;
  i++;
  while( i<n && (a[i]==' ' || a[i]=='\t' || a[i]=='"' || a[i]=='\'') ) i++;
  size_t j = i;
  while( j<n && j-i<32 && (a[j]=='-' || a[j]=='_' || a[j]=='.' || a[j]==':'
         || (a[j]>='0' && a[j]<='9') || ((a[j]|0x20)>='a' && (a[j]|0x20)<='z')) ) j++;
  return charset_name((const char*)a+i, j-i);
}

/* See formats.h. */
const char *html_meta_charset(const unsigned char *a, size_t n){
  size_t m = n < 4096 ? n : 4096;
  size_t i = 0;
  if( prefix_nocase(a, m, "<?xml") ){
    size_t end = 0;
    while( end<m && a[end]!='>' ) end++;
    const char *z = charset_after(a, end, "encoding");
    if( z ) return z;
  }
  while( i<m ){
    size_t k = find_nocase(a+i, m-i, "<meta");
    if( k>=m-i ) break;
    i += k + 5;
    size_t end = i;
    while( end<m && a[end]!='>' ) end++;
    const char *z = charset_after(a+i, end-i, "charset");
    if( z ) return z;
    i = end;
  }
  return 0;
}

/* Convert n bytes a[] from charset zFrom to UTF-8 into out, replacing
** each byte that does not convert with U+FFFD. Returns the number of bytes
** replaced, or -1 when iconv does not know zFrom. */
static long convert_lenient(const char *zFrom, const unsigned char *a, size_t n, Buf *out){
  size_t nBad = iconv_to_utf8(zFrom, a, n, out, 1);
  return nBad==(size_t)-1 ? -1 : (long)nBad;
}

/* Copy n bytes of UTF-8 a[] to out, replacing each invalid byte with
** U+FFFD. */
static void copy_utf8_lenient(const unsigned char *a, size_t n, Buf *out){
  size_t i = 0;
  while( i<n ){
    size_t k = utf8_valid_prefix(a+i, n-i);
    buf_append(out, a+i, k);
    i += k;
    if( i<n ){
      buf_put_cp(out, 0xFFFD);
      i++;
    }
  }
}

/* Decode the bytes of a page into UTF-8 in out and set *pzEnc (see the
** file comment). Returns nonzero (e set) only for broken UTF-16. */
static int html_decode(const char *zName, const unsigned char *a, size_t n,
                       Buf *out, const char **pzEnc, Err *e){
  if( n>=2 && ((a[0]==0xFF && a[1]==0xFE) || (a[0]==0xFE && a[1]==0xFF)) ){
    return decode_text(zName, a, n, out, pzEnc, e);
  }
  if( n>=3 && a[0]==0xEF && a[1]==0xBB && a[2]==0xBF ){
    *pzEnc = "UTF-8";
    copy_utf8_lenient(a+3, n-3, out);
    return 0;
  }
  const char *zMeta = html_meta_charset(a, n);
  int bValid = utf8_valid_prefix(a, n)==n;
  if( zMeta && strcmp(zMeta, "UTF-8")!=0 ){
    *pzEnc = zMeta;
    if( convert_lenient(strcmp(zMeta, "BIG5")==0 ? "BIG5" : "GB18030", a, n, out)>=0 ){
      return 0;
    }
    buf_reset(out);
  }
  if( bValid ){
    *pzEnc = "UTF-8";
    buf_append(out, a, n);
    return 0;
  }
  /* Not valid UTF-8 although it says so, or says nothing: Chinese pages
  ** that are not UTF-8 are GB-encoded. */
  Buf gb = BUF_INIT;
  long nBad = convert_lenient("GB18030", a, n, &gb);
  if( nBad==0 || (zMeta==0 && nBad>0) ){
    *pzEnc = "GB18030";
    buf_append(out, gb.a, gb.n);
  }else{
    *pzEnc = "UTF-8";
    copy_utf8_lenient(a, n, out);
  }
  buf_free(&gb);
  return 0;
}

/*
** The element tree, annotated.  Every element reached from <body> (except
** inside dropped tags) gets one HNode; its index + 1 is kept in the
** libxml2 node's _private.
*/
#define HF_BLOCK     0x01   /* a block element (ends a line) */
#define HF_JUNK      0x02   /* chrome: left out with its subtree */
#define HF_INLINK    0x04   /* inside an <a> */
#define HF_HASBLOCK  0x08   /* has a block element among its children */
#define HF_PARA      0x10   /* counts as a paragraph for its parent's score */
#define HF_KEEP      0x20   /* part of the main text */
#define HF_INJUNK    0x40   /* junk, or inside junk */
#define HF_INKEEP    0x80   /* kept, or inside a kept element */
#define HF_BESTUP    0x100  /* the best element or one of its ancestors */
#define HF_DATACELL  0x200  /* a row or cell of a data table (not layout) */

typedef struct HNode HNode;
struct HNode {
  xmlNodePtr p;      /* the element */
  int iParent;       /* index of the parent element, -1 for the root */
  int flags;         /* HF_* */
  int nOwn;          /* Chinese characters in its own text children */
  int nHan;          /* Chinese characters in its subtree (no junk) */
  int nLink;         /* of which inside links */
  int score;         /* Chinese characters in its paragraph children */
};

typedef struct HPage HPage;
struct HPage {
  HNode *a;          /* elements in document order */
  int n, nAlloc;
};

/* Tags dropped with everything inside them. */
static int tag_is_junk(const char *z){
  static const char *az[] = {
    "script", "style", "nav", "aside", "form", "iframe", "noscript", "select",
    "button", "template", "svg", "object", "embed", "input", "textarea", "map",
    "audio", "video", "canvas", "link", "meta", "head", "title", "frameset",
    "frame", "applet", "math", "option", "datalist", "dialog",
  };
  for(size_t k=0; k<sizeof(az)/sizeof(az[0]); k++){
    if( strcasecmp(z, az[k])==0 ) return 1;
  }
  return 0;
}

/* True for the table cell tags. */
static int tag_is_cell(const char *z){
  return strcasecmp(z, "td")==0 || strcasecmp(z, "th")==0;
}

/* Tags that start and end a line. */
static int tag_is_block(const char *z){
  static const char *az[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl",
    "dt", "dd", "table", "tbody", "thead", "tfoot", "tr", "caption", "section",
    "article", "main", "header", "footer", "blockquote", "pre", "center",
    "address", "figure", "figcaption", "hr", "body", "html", "fieldset",
    "legend", "details", "summary", "menu", "dir", "td", "th",
  };
  for(size_t k=0; k<sizeof(az)/sizeof(az[0]); k++){
    if( strcasecmp(z, az[k])==0 ) return 1;
  }
  return 0;
}

/* Block tags that hold one paragraph of text. */
static int tag_is_para(const char *z){
  static const char *az[] = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre",
    "blockquote", "center", "address",
  };
  for(size_t k=0; k<sizeof(az)/sizeof(az[0]); k++){
    if( strcasecmp(z, az[k])==0 ) return 1;
  }
  return 0;
}

/* True when one word of a class or id attribute (nTok bytes at z) names
** page chrome: navigation, menus, share buttons, breadcrumbs, related
** links, comments, footers, print/close and font-size tools. */
static int token_is_chrome(const char *z, size_t nTok){
  static const char *azSub[] = {   /* anywhere in the word */
    "nav", "menu", "share", "footer", "breadcrumb", "crumb", "related",
    "comment", "sidebar", "toolbar", "copyright", "advert", "bdshare",
    "fontsize", "font-size", "xglj", "qrcode", "ewm",
  };
  static const char *azWord[] = {  /* the whole word */
    "foot", "bottom", "footer", "header", "head", "top", "topbar", "banner",
    "location", "position", "pos", "dh", "fx", "print", "tools", "tool",
    "links", "link", "friendlink", "yqlj", "wzdh", "search", "login", "ad",
    "ads", "gotop", "sitemap", "skip", "zihao", "dy",
  };
  char zLow[64];
  if( nTok==0 || nTok>=sizeof(zLow) ) return 0;
  for(size_t i=0; i<nTok; i++){
    char c = z[i];
    zLow[i] = (c>='A' && c<='Z') ? (char)(c+32) : c;
  }
  zLow[nTok] = 0;
  for(size_t k=0; k<sizeof(azWord)/sizeof(azWord[0]); k++){
    if( strcmp(zLow, azWord[k])==0 ) return 1;
  }
  for(size_t k=0; k<sizeof(azSub)/sizeof(azSub[0]); k++){
    if( strstr(zLow, azSub[k]) ) return 1;
  }
  return 0;
}

/* True when the class or id of element p names chrome (see
** token_is_chrome; words are split at blanks, "-" and "_" only for the
** whole-word list, so "main-nav" and "share_btn" both match). */
static int attr_is_chrome(xmlNodePtr p){
  static const char *azAttr[] = { "class", "id" };
  int bChrome = 0;
  for(int k=0; k<2 && !bChrome; k++){
    xmlChar *z = xmlGetProp(p, (const xmlChar*)azAttr[k]);
    if( z==0 ) continue;
    const char *s = (const char*)z;
    size_t i = 0, n = strlen(s);
    while( i<n && !bChrome ){
      while( i<n && strchr(" \t\r\n-_", s[i]) ) i++;
      size_t j = i;
      while( j<n && !strchr(" \t\r\n-_", s[j]) ) j++;
      if( j>i && token_is_chrome(s+i, j-i) ) bChrome = 1;
      i = j;
    }
    /* whole class names such as "main-nav" or "share_btn" */
    i = 0;
    while( i<n && !bChrome ){
      while( i<n && strchr(" \t\r\n", s[i]) ) i++;
      size_t j = i;
      while( j<n && !strchr(" \t\r\n", s[j]) ) j++;
      if( j>i && token_is_chrome(s+i, j-i) ) bChrome = 1;
      i = j;
    }
    xmlFree(z);
  }
  return bChrome;
}

/* The HNode of libxml2 node p, NULL when p was not annotated. */
static HNode *hnode(HPage *pg, xmlNodePtr p){
  intptr_t i = (intptr_t)p->_private;
  if( p->type!=XML_ELEMENT_NODE || i<=0 || i>pg->n ) return 0;
  return &pg->a[i-1];
}

/* The next node after p in document order below root, descending into p
** when bDescend; NULL at the end. */
static xmlNodePtr next_node(xmlNodePtr p, xmlNodePtr root, int bDescend){
  if( bDescend && p->children ) return p->children;
  while( p && p!=root ){
    if( p->next ) return p->next;
    p = p->parent;
  }
  return 0;
}

/* True when element p is inside an element called zTag (below root). */
static int has_ancestor(xmlNodePtr p, const char *zTag){
  for(p=p->parent; p && p->type==XML_ELEMENT_NODE; p=p->parent){
    if( strcasecmp((const char*)p->name, zTag)==0 ) return 1;
  }
  return 0;
}

/* Annotate every element below root (root included) in document order:
** flags, own text, parent. Junk tags are skipped with their subtree.
** <header> and <footer> are junk unless inside <article> or <main>. */
static void annotate(HPage *pg, xmlNodePtr root){
  xmlNodePtr p = root;
  while( p ){
    int bDescend = 0;
    if( p->type==XML_ELEMENT_NODE ){
      const char *zTag = (const char*)p->name;
      int bJunk = tag_is_junk(zTag);
      if( !bJunk && (strcasecmp(zTag, "header")==0 || strcasecmp(zTag, "footer")==0) ){
        bJunk = !has_ancestor(p, "article") && !has_ancestor(p, "main");
      }
      if( !bJunk ){
        HNode *par = p==root ? 0 : hnode(pg, p->parent);
        int iPar = par ? (int)(par - pg->a) : -1;
        HNode *h = ARRAY_PUSH(pg->a, pg->n, pg->nAlloc);   /* may move pg->a */
        par = iPar>=0 ? &pg->a[iPar] : 0;
        h->p = p;
        h->iParent = iPar;
        p->_private = (void*)(intptr_t)pg->n;
        if( tag_is_block(zTag) ) h->flags |= HF_BLOCK;
        if( par && (par->flags & HF_INLINK) ) h->flags |= HF_INLINK;
        if( strcasecmp(zTag, "a")==0 ) h->flags |= HF_INLINK;
        if( par && (h->flags & HF_BLOCK) ) par->flags |= HF_HASBLOCK;
        if( p!=root && attr_is_chrome(p) ) h->flags |= HF_JUNK;
        bDescend = 1;
      }
    }else if( p->type==XML_TEXT_NODE || p->type==XML_CDATA_SECTION_NODE ){
      HNode *par = p->parent ? hnode(pg, p->parent) : 0;
      if( par && p->content ){
        int k = count_han((const char*)p->content, strlen((const char*)p->content));
        par->nOwn += k;
      }
    }
    p = next_node(p, root, bDescend);
  }
}

/* Sum text counts bottom-up, leaving out junk subtrees. */
static void sum_counts(HPage *pg){
  for(int i=0; i<pg->n; i++){
    HNode *h = &pg->a[i];
    h->nHan = h->nOwn;
    h->nLink = (h->flags & HF_INLINK) ? h->nOwn : 0;
  }
  for(int i=pg->n-1; i>0; i--){
    HNode *h = &pg->a[i];
    if( h->iParent<0 || (h->flags & HF_JUNK) ) continue;
    pg->a[h->iParent].nHan += h->nHan;
    pg->a[h->iParent].nLink += h->nLink;
  }
}

/* The index of the table element that row or cell i belongs to (at most
** three levels up: td -> tr -> tbody -> table), or -1. */
static int owning_table(HPage *pg, int i){
  for(int k=0; k<3 && i>=0; k++){
    i = pg->a[i].iParent;
    if( i>=0 && strcasecmp((const char*)pg->a[i].p->name, "table")==0 ) return i;
  }
  return -1;
}

/* Tell data tables from layout tables and mark the rows and cells of data
** tables HF_DATACELL.  A data table has at least two rows of two or more
** cells, no table inside a cell, and no cell of more than 600 Chinese
** characters; pages built of tables (a nav cell, a content cell) are not
** data, and their cells are rendered as blocks. */
static void mark_tables(HPage *pg){
  int *aMulti = xcalloc((size_t)pg->n+1, sizeof(int));
  int *aMaxCell = xcalloc((size_t)pg->n+1, sizeof(int));
  char *aNested = xcalloc((size_t)pg->n+1, 1);
  for(int i=0; i<pg->n; i++){
    HNode *h = &pg->a[i];
    const char *zTag = (const char*)h->p->name;
    if( strcasecmp(zTag, "tr")==0 ){
      int t = owning_table(pg, i);
      int nCell = 0;
      for(xmlNodePtr c = h->p->children; c; c = c->next){
        if( c->type==XML_ELEMENT_NODE && tag_is_cell((const char*)c->name) ) nCell++;
      }
      if( t>=0 && nCell>=2 ) aMulti[t]++;
    }else if( tag_is_cell(zTag) ){
      int t = owning_table(pg, i);
      if( t>=0 && h->nHan > aMaxCell[t] ) aMaxCell[t] = h->nHan;
    }else if( strcasecmp(zTag, "table")==0 ){
      for(int j=h->iParent, k=0; j>=0 && k<300; j=pg->a[j].iParent, k++){
        if( tag_is_cell((const char*)pg->a[j].p->name) ){
          int t = owning_table(pg, j);
          if( t>=0 ) aNested[t] = 1;
          break;
        }
      }
    }
  }
  for(int i=0; i<pg->n; i++){
    const char *zTag = (const char*)pg->a[i].p->name;
    if( strcasecmp(zTag, "tr")!=0 && !tag_is_cell(zTag) ) continue;
    int t = owning_table(pg, i);
    if( t>=0 && aMulti[t]>=2 && aMaxCell[t]<=600 && !aNested[t] ){
      pg->a[i].flags |= HF_DATACELL;
    }
  }
  free(aMulti);
  free(aMaxCell);
  free(aNested);
}

/* Mark the elements that hold one paragraph of text (HF_PARA): paragraph
** tags, inline elements, and blocks without blocks inside. Then score each
** element by the Chinese characters (outside links) of its own text and
** its paragraph children. */
static void score_elements(HPage *pg){
  for(int i=0; i<pg->n; i++){
    HNode *h = &pg->a[i];
    const char *zTag = (const char*)h->p->name;
    if( !(h->flags & HF_BLOCK) || tag_is_para(zTag)
        || (strcasecmp(zTag, "div")==0 && !(h->flags & HF_HASBLOCK)) ){
      h->flags |= HF_PARA;
    }
    h->score = (h->flags & HF_INLINK) ? 0 : h->nOwn;
  }
  for(int i=1; i<pg->n; i++){
    HNode *h = &pg->a[i];
    if( h->iParent<0 || (h->flags & HF_JUNK) || !(h->flags & HF_PARA) ) continue;
    pg->a[h->iParent].score += h->nHan - h->nLink;
  }
}

/* Propagate flag fFrom of each element to flag fTo of it and of every
** element below it (parents come before children in pg->a). */
static void inherit_flag(HPage *pg, int fFrom, int fTo){
  for(int i=0; i<pg->n; i++){
    HNode *h = &pg->a[i];
    h->flags &= ~fTo;
    if( (h->flags & fFrom) || (h->iParent>=0 && (pg->a[h->iParent].flags & fTo)) ){
      h->flags |= fTo;
    }
  }
}

/* Chrome that survives as text inside or near the article: font-size and
** print tools, share prompts, breadcrumbs, view counters. True when the
** line (n bytes at z) is one of them. */
static int line_is_chrome(const char *z, size_t n, void *pArg){
  (void)pArg;
  if( utf8_count(z, n) > 60 ) return 0;
  Buf b = BUF_INIT;
  buf_append(&b, z, n);
  const char *s = b.a;
  int bChrome =
       (strstr(s, "字号") && strstr(s, "大") && strstr(s, "小"))
    || (strstr(s, "打印") && (strstr(s, "关闭") || strstr(s, "本页") || strstr(s, "窗口")))
    || strstr(s, "分享到") || strstr(s, "分享：") || strstr(s, "扫一扫")
    || strncmp(s, "当前位置", 12)==0 || strncmp(s, "您现在的位置", 18)==0
    || strncmp(s, "您的位置", 12)==0 || strncmp(s, "首页 >", 8)==0
    || strncmp(s, "首页>", 7)==0 || strncmp(s, "首页 ›", 9)==0
    || strstr(s, "浏览次数") || strstr(s, "阅读次数") || strstr(s, "访问量")
    || strstr(s, "点击数") || strstr(s, "发布时间") || strstr(s, "发布日期")
    || strncmp(s, "上一篇", 9)==0 || strncmp(s, "下一篇", 9)==0
    || strcmp(s, "相关链接")==0 || strcmp(s, "相关文章")==0 || strcmp(s, "相关阅读")==0
    || strcmp(s, "返回顶部")==0 || strcmp(s, "【关闭】")==0 || strcmp(s, "【打印】")==0;
  buf_free(&b);
  return bChrome;
}

/* True when element p is rendered with its subtree: annotated, not junk,
** and not a block of links inside the text (60% or more of its Chinese
** characters in links), unless it is the root of the rendering. */
static int rendered(HPage *pg, xmlNodePtr p, xmlNodePtr root){
  HNode *h = hnode(pg, p);
  if( h==0 || (h->flags & HF_JUNK) ) return 0;
  if( strcasecmp((const char*)p->name, "img")==0 ) return 0;
  if( p!=root && (h->flags & HF_BLOCK) && h->nHan>0 && h->nLink*10 >= h->nHan*6 ) return 0;
  return 1;
}

/* Write the text of the subtree at root to w: blocks and <br> end lines,
** table rows are lines of tab-separated cells (blocks inside a cell only
** separate words), junk and link lists inside the text are left out. */
static void render(HPage *pg, xmlNodePtr root, TextWriter *w){
  int nCell = 0, nPre = 0;
  xmlNodePtr p = root;
  while( p ){
    if( p->type==XML_TEXT_NODE || p->type==XML_CDATA_SECTION_NODE ){
      const char *z = (const char*)p->content;
      if( z && nPre>0 && nCell==0 ){
        const char *zNl;
        while( (zNl = strchr(z, '\n'))!=0 ){
          tw_text(w, z, (size_t)(zNl - z));
          tw_line(w);
          z = zNl+1;
        }
      }
      if( z ) tw_text(w, z, strlen(z));
    }else if( p->type==XML_ELEMENT_NODE && rendered(pg, p, root) ){
      const char *zTag = (const char*)p->name;
      HNode *h = hnode(pg, p);
      if( strcasecmp(zTag, "br")==0 ){
        if( nCell ) tw_space(w); else tw_line(w);
      }else if( tag_is_cell(zTag) && (h->flags & HF_DATACELL) ){
        if( nCell==0 ) tw_cell(w); else tw_space(w);
        nCell++;
      }else if( h->flags & HF_BLOCK ){
        if( nCell ) tw_space(w); else tw_line(w);
        if( strcasecmp(zTag, "pre")==0 ) nPre++;
      }
      if( p->children ){
        p = p->children;
        continue;
      }
    }else if( p->type!=XML_ELEMENT_NODE && p->children==0 ){
      /* comments, processing instructions: nothing */
    }
    /* leave p, and every ancestor whose last child p is */
    for(;;){
      if( p->type==XML_ELEMENT_NODE && rendered(pg, p, root) ){
        const char *zTag = (const char*)p->name;
        if( tag_is_cell(zTag) && (hnode(pg, p)->flags & HF_DATACELL) ){
          if( nCell>0 ) nCell--;
          if( nCell ) tw_space(w);
        }else if( hnode(pg, p)->flags & HF_BLOCK ){
          if( nCell ) tw_space(w); else tw_line(w);
          if( strcasecmp(zTag, "pre")==0 && nPre>0 ) nPre--;
        }
      }
      if( p==root ){ p = 0; break; }
      if( p->next ){ p = p->next; break; }
      p = p->parent;
      if( p==0 ) break;
    }
  }
  tw_line(w);
}

/* True when the class or id of p says it is a title: it contains
** "title", or one of its words is bt, tit, biaoti (标题) or headline. */
static int attr_is_title(xmlNodePtr p){
  static const char *azAttr[] = { "class", "id" };
  static const char *azWord[] = { "bt", "tit", "biaoti", "headline", "wzbt" };
  int bTitle = 0;
  for(int k=0; k<2 && !bTitle; k++){
    xmlChar *z = xmlGetProp(p, (const xmlChar*)azAttr[k]);
    if( z==0 ) continue;
    const char *s = (const char*)z;
    if( strcasestr(s, "title") ) bTitle = 1;
    size_t i = 0, n = strlen(s);
    while( i<n && !bTitle ){
      while( i<n && strchr(" \t\r\n-_", s[i]) ) i++;
      size_t j = i;
      while( j<n && !strchr(" \t\r\n-_", s[j]) ) j++;
      for(size_t w=0; w<sizeof(azWord)/sizeof(azWord[0]) && j>i; w++){
        if( strlen(azWord[w])==j-i && strncasecmp(s+i, azWord[w], j-i)==0 ) bTitle = 1;
      }
      i = j;
    }
    xmlFree(z);
  }
  return bTitle;
}

/* The title to print before the main text: the last <h1> (else the last
** element whose class or id says "title") before element iBest, outside
** junk and outside the kept elements; -1 when none.  Needs HF_INJUNK,
** HF_INKEEP and HF_BESTUP. */
static int find_title(HPage *pg, int iBest){
  int iH1 = -1, iCls = -1;
  for(int i=0; i<iBest; i++){
    HNode *h = &pg->a[i];
    if( h->nHan<2 || (h->flags & (HF_INJUNK|HF_INKEEP|HF_BESTUP)) ) continue;
    if( strcasecmp((const char*)h->p->name, "h1")==0 ){
      iH1 = i;
    }else if( h->nHan<=120 && !(h->flags & HF_HASBLOCK) ){
      if( attr_is_title(h->p) ) iCls = i;
    }
  }
  return iH1>=0 ? iH1 : iCls;
}

/* Find <body> (or the root element) of doc. */
static xmlNodePtr find_body(htmlDocPtr doc){
  xmlNodePtr root = xmlDocGetRootElement(doc);
  xmlNodePtr p = root;
  while( p ){
    if( p->type==XML_ELEMENT_NODE && strcasecmp((const char*)p->name, "body")==0 ) return p;
    p = next_node(p, root, 1);
  }
  return root;
}

/* See formats.h. */
int html_to_text(const char *zName, const unsigned char *a, size_t n,
                 Buf *out, const char **pzEnc, Err *e){
  Buf u8 = BUF_INIT;
  buf_reset(out);
  *pzEnc = "UTF-8";
  if( n>HTML_MAX_BYTES ){
    return err_set(e, ERR_TOOBIG, "%s: a web page of %zu bytes is too large (at most %d MB)",
                   zName, n, HTML_MAX_BYTES/(1024*1024));
  }
  if( html_decode(zName, a, n, &u8, pzEnc, e) ){
    buf_free(&u8);
    return -1;
  }
  htmlDocPtr doc = 0;
  if( u8.n>0 ){
    doc = htmlReadMemory(u8.a, (int)u8.n, "page.html", "UTF-8",
                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                         | HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
  }
  buf_free(&u8);
  xmlNodePtr body = doc ? find_body(doc) : 0;
  if( body==0 ){
    if( doc ) xmlFreeDoc(doc);
    return err_set(e, ERR_INPUT, "%s: an empty web page; save the report's page again", zName);
  }

  HPage pg = {0};
  annotate(&pg, body);
  sum_counts(&pg);
  /* A "chrome" wrapper holding most of the text is the article itself. */
  int nAll = pg.n>0 ? pg.a[0].nHan : 0;
  for(int i=1; i<pg.n; i++){
    if( (pg.a[i].flags & HF_JUNK) && pg.a[i].nHan*2 > nAll ) pg.a[i].flags &= ~HF_JUNK;
  }
  sum_counts(&pg);
  mark_tables(&pg);
  score_elements(&pg);

  inherit_flag(&pg, HF_JUNK, HF_INJUNK);
  int iBest = 0;
  for(int i=1; i<pg.n; i++){
    if( pg.a[i].score >= pg.a[iBest].score && !(pg.a[i].flags & HF_INJUNK) ) iBest = i;
  }
  if( pg.n>0 && pg.a[iBest].score==0 ) iBest = 0;

  TextWriter w;
  tw_init(&w, out);
  w.xDrop = line_is_chrome;
  if( pg.n>0 ){
    HNode *best = &pg.a[iBest];
    int iParent = best->iParent;
    best->flags |= HF_KEEP;
    /* siblings with a fair share of text and few links join the best */
    if( iParent>=0 ){
      for(xmlNodePtr s = pg.a[iParent].p->children; s; s = s->next){
        HNode *h = hnode(&pg, s);
        if( h==0 || h==best || (h->flags & HF_JUNK) ) continue;
        int nText = (h->flags & HF_PARA) ? h->nHan - h->nLink : h->score;
        if( nText>0 && nText*5 >= best->score && h->nLink*10 < h->nHan*3 ) h->flags |= HF_KEEP;
      }
    }
    inherit_flag(&pg, HF_KEEP, HF_INKEEP);
    for(int i=iBest; i>=0; i=pg.a[i].iParent) pg.a[i].flags |= HF_BESTUP;
    int iTitle = find_title(&pg, iBest);
    if( iTitle>=0 ){
      render(&pg, pg.a[iTitle].p, &w);
    }
    if( iParent>=0 ){
      for(xmlNodePtr s = pg.a[iParent].p->children; s; s = s->next){
        HNode *h = hnode(&pg, s);
        if( h && (h->flags & HF_KEEP) ) render(&pg, s, &w);
      }
    }else{
      render(&pg, best->p, &w);
    }
  }
  tw_line(&w);
  free(pg.a);
  xmlFreeDoc(doc);
  if( out->n==0 ){
    return err_set(e, ERR_INPUT, "%s: a web page without text; save the page that shows the report", zName);
  }
  return 0;
}
