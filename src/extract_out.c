/*
** extract_out.c -- the two views of an Extraction: the contract JSON of
** `luoshi extract --json` (../shared/contract/extract.md) and the readable
** tree printed without --json.
*/
#include "extract.h"
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
** The contract JSON is written straight into a Buf rather than through a
** jansson tree: it is the one output on the extractor's hot path (a 50 MB
** benchmark, the fuzzer), and building and dumping a tree of every task
** cost more than the whole extraction.  The text is valid UTF-8 (decode.c
** sees to that), so escaping is the short list of RFC 8259.  The tests and
** the fuzzer parse every output back with jansson; --pretty re-indents
** through jansson.
*/

/* Append z as a JSON string. */
static void jstr(Buf *b, const char *z){
  static const char hex[] = "0123456789abcdef";
  size_t n = strlen(z);
  const char *zEnd = z + n, *zRun = z;
  buf_grow(b, n + 2);
  buf_putc(b, '"');
  while( z<zEnd ){
    /* runs of plain bytes, eight at a time while none needs escaping
    ** (below 0x20, '"' or '\\') */
    while( zEnd - z >= 8 ){
      uint64_t w;
      memcpy(&w, z, 8);
      uint64_t q = w ^ 0x2222222222222222ULL, bs = w ^ 0x5C5C5C5C5C5C5C5CULL;
      uint64_t m = ((w - 0x2020202020202020ULL) & ~w)
                 | ((q - 0x0101010101010101ULL) & ~q)
                 | ((bs - 0x0101010101010101ULL) & ~bs);
      if( (m & 0x8080808080808080ULL)!=0 ) break;
      z += 8;
    }
    if( z>=zEnd ) break;
    unsigned char ch = (unsigned char)*z;
    if( ch>=0x20 && ch!='"' && ch!='\\' ){ z++; continue; }
    buf_append(b, zRun, (size_t)(z - zRun));
    zRun = ++z;
    switch( ch ){
      case '"':  buf_append(b, "\\\"", 2); break;
      case '\\': buf_append(b, "\\\\", 2); break;
      case '\n': buf_append(b, "\\n", 2); break;
      case '\r': buf_append(b, "\\r", 2); break;
      case '\t': buf_append(b, "\\t", 2); break;
      default: {
        char zU[6] = {'\\', 'u', '0', '0', hex[ch>>4], hex[ch&15]};
        buf_append(b, zU, 6);
      }
    }
  }
  buf_append(b, zRun, (size_t)(zEnd - zRun));
  buf_putc(b, '"');
}

/* Append "key": */
static void jkey(Buf *b, const char *zKey){
  jstr(b, zKey);
  buf_putc(b, ':');
}

/* Append a number: an integer when it is whole, else the shortest
** round-tripping decimal. */
static void jnum(Buf *b, double v){
  if( isfinite(v) && v==floor(v) && fabs(v) < 9e15 ){
    char z[24];
    int i = sizeof(z);
    long long u = (long long)v;
    unsigned long long m = u<0 ? 0ULL - (unsigned long long)u : (unsigned long long)u;
    do{ z[--i] = (char)('0' + m%10); m /= 10; }while( m );
    if( u<0 ) z[--i] = '-';
    buf_append(b, z + i, sizeof(z) - (size_t)i);
  }else if( isfinite(v) ){
    char z[32];
    for(int prec=15; prec<=17; prec++){
      snprintf(z, sizeof(z), "%.*g", prec, v);
      if( strtod(z, 0)==v ) break;
    }
    buf_puts(b, z);
  }else{
    buf_puts(b, "null");
  }
}

/* Append the decimal digits of a non-negative int (negatives as 0). */
static void jint(Buf *b, int v){
  char z[12];
  int i = sizeof(z);
  if( v<0 ) v = 0;
  do{ z[--i] = (char)('0' + v%10); v /= 10; }while( v );
  buf_append(b, z + i, sizeof(z) - (size_t)i);
}

/* Append [start,end]. */
static void jspan(Buf *b, XSpan s){
  buf_putc(b, '[');
  jint(b, s.iStart);
  buf_putc(b, ',');
  jint(b, s.iEnd);
  buf_putc(b, ']');
}

/* Append the object of one target. */
static void target_json(Buf *b, const XTarget *t){
  buf_puts(b, "{\"span\":");
  jspan(b, t->span);
  buf_puts(b, ",\"text\":");
  jstr(b, t->zText ? t->zText : "");
  buf_puts(b, ",\"subject\":");
  jstr(b, t->zSubject ? t->zSubject : "");
  buf_puts(b, ",\"value\":");
  jnum(b, t->value);
  if( strcmp(t->zCmp, "range")==0 ){
    buf_puts(b, ",\"value_max\":");
    jnum(b, t->valueMax);
  }
  buf_puts(b, ",\"unit\":");
  jstr(b, t->zUnit ? t->zUnit : "");
  buf_puts(b, ",\"cmp\":");
  jstr(b, t->zCmp);
  buf_puts(b, ",\"strength\":");
  jstr(b, t->zStrength);
  buf_putc(b, '}');
}

/* See extract.h. Caller frees the returned string. */
char *extraction_json(const Extraction *p, int pretty){
  static const char *azPart[] = {"none", "review", "plan", "other"};
  Buf b = BUF_INIT;
  buf_grow(&b, p->nSource*2 + 4096);
  buf_puts(&b, "{\"luoshi_extract\":1,\"source\":{\"name\":");
  jstr(&b, p->zName ? p->zName : "-");
  buf_puts(&b, ",\"sha256\":");
  jstr(&b, p->zSha256);
  buf_puts(&b, ",\"encoding\":");
  jstr(&b, p->zEncoding ? p->zEncoding : "UTF-8");
  buf_puts(&b, ",\"format\":");
  jstr(&b, p->zFormat ? p->zFormat : "txt");
  buf_puts(&b, ",\"chars\":");
  jint(&b, p->nChars);
  buf_puts(&b, "},\"year\":");
  jint(&b, p->year);
  buf_putc(&b, ',');
  jkey(&b, "year_from");
  jstr(&b, p->zYearFrom ? p->zYearFrom : "clock");
  if( p->zTitle ){
    buf_puts(&b, ",\"title\":");
    jstr(&b, p->zTitle);
  }
  buf_puts(&b, ",\"nodes\":[");
  for(int i=0; i<p->nNode; i++){
    const XNode *n = &p->aNode[i];
    if( i ) buf_putc(&b, ',');
    buf_puts(&b, "{\"id\":\"n");
    jint(&b, i+1);
    buf_puts(&b, "\",\"parent\":");
    if( n->iParent>=0 ){ buf_puts(&b, "\"n"); jint(&b, n->iParent+1); buf_putc(&b, '"'); }
    else buf_puts(&b, "null");
    buf_puts(&b, ",\"level\":");
    jint(&b, n->level);
    buf_puts(&b, ",\"label\":");
    jstr(&b, n->zLabel ? n->zLabel : "");
    buf_puts(&b, ",\"title\":");
    jstr(&b, n->zTitle ? n->zTitle : "");
    buf_puts(&b, ",\"span\":");
    jspan(&b, n->span);
    buf_puts(&b, n->inferred ? ",\"inferred\":true,\"part\":\"" : ",\"inferred\":false,\"part\":\"");
    buf_puts(&b, azPart[n->partKind & 3]);
    buf_puts(&b, "\"}");
  }
  buf_puts(&b, "],\"tasks\":[");
  for(int i=0; i<p->nTask; i++){
    const XTask *t = &p->aTask[i];
    if( i ) buf_putc(&b, ',');
    buf_puts(&b, "{\"id\":\"t");
    jint(&b, i+1);
    buf_puts(&b, "\",\"node\":");
    if( t->iNode>=0 ){ buf_puts(&b, "\"n"); jint(&b, t->iNode+1); buf_putc(&b, '"'); }
    else buf_puts(&b, "null");
    buf_puts(&b, ",\"span\":");
    jspan(&b, t->span);
    buf_puts(&b, ",\"text\":");
    jstr(&b, t->zText ? t->zText : "");
    buf_puts(&b, ",\"targets\":[");
    for(int k=0; k<t->nTarget; k++){
      if( k ) buf_putc(&b, ',');
      target_json(&b, &t->aTarget[k]);
    }
    buf_puts(&b, "],\"deadline\":{\"date\":");
    jstr(&b, t->deadline.zDate);
    buf_puts(&b, ",\"text\":");
    if( t->deadline.zText ) jstr(&b, t->deadline.zText); else buf_puts(&b, "null");
    buf_puts(&b, t->deadline.explicit ? ",\"explicit\":true" : ",\"explicit\":false");
    if( t->deadline.explicit ){
      buf_puts(&b, ",\"span\":");
      jspan(&b, t->deadline.span);
    }
    buf_puts(&b, "},\"departments\":[");
    for(int k=0; k<t->nDept; k++){
      if( k ) buf_putc(&b, ',');
      jstr(&b, t->azDept[k]);
    }
    buf_puts(&b, "]}");
  }
  buf_puts(&b, "],\"skipped\":[");
  for(int i=0; i<p->nSkip; i++){
    const XSkip *s = &p->aSkip[i];
    if( i ) buf_putc(&b, ',');
    buf_puts(&b, "{\"span\":");
    jspan(&b, s->span);
    buf_puts(&b, ",\"text\":");
    jstr(&b, s->zText ? s->zText : "");
    buf_puts(&b, ",\"why\":");
    jstr(&b, s->zWhy);
    buf_putc(&b, '}');
  }
  buf_puts(&b, "]}");
  if( !pretty ) return buf_detach(&b);
  json_error_t je;
  json_t *root = json_loads(b.a, 0, &je);
  buf_free(&b);
  if( root==0 ) fatal("extraction JSON does not parse: %s", je.text);
  char *z = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
  json_decref(root);
  if( z==0 ) fatal("cannot encode JSON");
  return z;
}

/* Colour escapes, empty when colour is off. */
#define C(code) (bColour ? "\033[" code "m" : "")

/* See extract.h. */
void extraction_tree(const Extraction *p, Buf *out, int bColour){
  buf_printf(out, "%s%s%s  %s, %s, %d chars, plan year %d (%s)\n", C("1"),
             p->zTitle ? p->zTitle : (p->zName ? p->zName : "-"), C("0"),
             p->zFormat, p->zEncoding, p->nChars, p->year, p->zYearFrom);
  /* nodes and tasks in document order: a task may come back to a node
  ** after that node's sections (the closing paragraph of a part) */
  int iNode = 0;
  for(int iTask=0; iTask<=p->nTask; iTask++){
    const XTask *t = iTask<p->nTask ? &p->aTask[iTask] : 0;
    for(; iNode<p->nNode && (t==0 || p->aNode[iNode].span.iStart<=t->span.iStart); iNode++){
      const XNode *n = &p->aNode[iNode];
      int depth = 0;
      for(int j=n->iParent; j>=0; j=p->aNode[j].iParent) depth++;
      buf_printf(out, "%*s%s%s%s%s%s\n", depth*2, "", C("1;34"), n->zLabel,
                 n->zTitle, n->inferred ? " (inferred)" : "", C("0"));
    }
    if( t==0 ) break;
    int depth = 0;
    for(int j=t->iNode; j>=0; j=p->aNode[j].iParent) depth++;
    buf_printf(out, "%*s- %s", depth*2, "", t->zText);
    if( t->deadline.explicit ){
      buf_printf(out, " %s[期限 %s]%s", C("33"), t->deadline.zDate, C("0"));
    }
    buf_putc(out, '\n');
    for(int k=0; k<t->nTarget; k++){
      const XTarget *g = &t->aTarget[k];
      buf_printf(out, "%*s  %s* %s: %s %g", depth*2, "", C("32"), g->zText, g->zCmp, g->value);
      if( strcmp(g->zCmp, "range")==0 ) buf_printf(out, "-%g", g->valueMax);
      buf_printf(out, " %s (%s) %s%s\n", g->zUnit, g->zStrength,
                 g->zSubject ? g->zSubject : "", C("0"));
    }
  }
  if( p->nSkip ){
    buf_printf(out, "%sskipped:%s\n", C("2"), C("0"));
    for(int i=0; i<p->nSkip; i++){
      buf_printf(out, "%s  [%d,%d) %s: %s%s\n", C("2"), p->aSkip[i].span.iStart,
                 p->aSkip[i].span.iEnd, p->aSkip[i].zWhy, p->aSkip[i].zText, C("0"));
    }
  }
}
