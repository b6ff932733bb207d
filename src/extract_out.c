/*
** extract_out.c -- the two views of an Extraction: the contract JSON of
** `luoshi extract --json` (../shared/contract/extract.md) and the readable
** tree printed without --json.
*/
#include "extract.h"
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A JSON array [start, end] for a span. */
static json_t *span_json(XSpan s){
  return json_pack("[ii]", s.iStart, s.iEnd);
}

/* A number as a JSON integer when it is whole, else a real. */
static json_t *number_json(double v){
  if( isfinite(v) && v==floor(v) && fabs(v) < 9e15 ) return json_integer((json_int_t)v);
  return json_real(v);
}

/* The JSON object of one target. */
static json_t *target_json(const XTarget *t){
  json_t *o = json_object();
  json_object_set_new(o, "span", span_json(t->span));
  json_object_set_new(o, "text", json_string(t->zText ? t->zText : ""));
  json_object_set_new(o, "subject", json_string(t->zSubject ? t->zSubject : ""));
  json_object_set_new(o, "value", number_json(t->value));
  if( strcmp(t->zCmp, "range")==0 ) json_object_set_new(o, "value_max", number_json(t->valueMax));
  json_object_set_new(o, "unit", json_string(t->zUnit ? t->zUnit : ""));
  json_object_set_new(o, "cmp", json_string(t->zCmp));
  json_object_set_new(o, "strength", json_string(t->zStrength));
  return o;
}

/* See extract.h. Caller frees the returned string. */
char *extraction_json(const Extraction *p, int pretty){
  json_t *root = json_object();
  json_object_set_new(root, "luoshi_extract", json_integer(1));
  json_object_set_new(root, "source", json_pack("{s:s, s:s, s:s, s:s, s:i}",
      "name", p->zName ? p->zName : "-", "sha256", p->zSha256,
      "encoding", p->zEncoding ? p->zEncoding : "UTF-8",
      "format", p->zFormat ? p->zFormat : "txt", "chars", p->nChars));
  json_object_set_new(root, "year", json_integer(p->year));
  json_object_set_new(root, "year_from", json_string(p->zYearFrom ? p->zYearFrom : "clock"));
  if( p->zTitle ) json_object_set_new(root, "title", json_string(p->zTitle));

  static const char *azPart[] = {"none", "review", "plan", "other"};
  json_t *aNodes = json_array();
  for(int i=0; i<p->nNode; i++){
    const XNode *n = &p->aNode[i];
    char zId[24], zParent[24];
    snprintf(zId, sizeof(zId), "n%d", i+1);
    snprintf(zParent, sizeof(zParent), "n%d", n->iParent+1);
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(zId));
    json_object_set_new(o, "parent", n->iParent>=0 ? json_string(zParent) : json_null());
    json_object_set_new(o, "level", json_integer(n->level));
    json_object_set_new(o, "label", json_string(n->zLabel ? n->zLabel : ""));
    json_object_set_new(o, "title", json_string(n->zTitle ? n->zTitle : ""));
    json_object_set_new(o, "span", span_json(n->span));
    json_object_set_new(o, "inferred", json_boolean(n->inferred));
    json_object_set_new(o, "part", json_string(azPart[n->partKind & 3]));
    json_array_append_new(aNodes, o);
  }
  json_object_set_new(root, "nodes", aNodes);

  json_t *aTasks = json_array();
  for(int i=0; i<p->nTask; i++){
    const XTask *t = &p->aTask[i];
    char zId[24], zNode[24];
    snprintf(zId, sizeof(zId), "t%d", i+1);
    snprintf(zNode, sizeof(zNode), "n%d", t->iNode+1);
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(zId));
    json_object_set_new(o, "node", t->iNode>=0 ? json_string(zNode) : json_null());
    json_object_set_new(o, "span", span_json(t->span));
    json_object_set_new(o, "text", json_string(t->zText ? t->zText : ""));
    json_t *aT = json_array();
    for(int k=0; k<t->nTarget; k++) json_array_append_new(aT, target_json(&t->aTarget[k]));
    json_object_set_new(o, "targets", aT);
    json_t *d = json_object();
    json_object_set_new(d, "date", json_string(t->deadline.zDate));
    json_object_set_new(d, "text", t->deadline.zText ? json_string(t->deadline.zText) : json_null());
    json_object_set_new(d, "explicit", json_boolean(t->deadline.explicit));
    if( t->deadline.explicit ) json_object_set_new(d, "span", span_json(t->deadline.span));
    json_object_set_new(o, "deadline", d);
    json_t *aD = json_array();
    for(int k=0; k<t->nDept; k++) json_array_append_new(aD, json_string(t->azDept[k]));
    json_object_set_new(o, "departments", aD);
    json_array_append_new(aTasks, o);
  }
  json_object_set_new(root, "tasks", aTasks);

  json_t *aSkip = json_array();
  for(int i=0; i<p->nSkip; i++){
    const XSkip *s = &p->aSkip[i];
    json_array_append_new(aSkip, json_pack("{s:o, s:s, s:s}", "span", span_json(s->span),
        "text", s->zText ? s->zText : "", "why", s->zWhy));
  }
  json_object_set_new(root, "skipped", aSkip);

  char *z = json_dumps(root, (pretty ? JSON_INDENT(1) : JSON_COMPACT) | JSON_PRESERVE_ORDER);
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
  int iTask = 0;
  for(int i=-1; i<p->nNode; i++){
    int depth = 0;
    if( i>=0 ){
      const XNode *n = &p->aNode[i];
      for(int j=n->iParent; j>=0; j=p->aNode[j].iParent) depth++;
      buf_printf(out, "%*s%s%s%s%s%s\n", depth*2, "", C("1;34"), n->zLabel,
                 n->zTitle, n->inferred ? " (inferred)" : "", C("0"));
      depth++;
    }
    for(; iTask<p->nTask && p->aTask[iTask].iNode==i; iTask++){
      const XTask *t = &p->aTask[iTask];
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
  }
  if( p->nSkip ){
    buf_printf(out, "%sskipped:%s\n", C("2"), C("0"));
    for(int i=0; i<p->nSkip; i++){
      buf_printf(out, "%s  [%d,%d) %s: %s%s\n", C("2"), p->aSkip[i].span.iStart,
                 p->aSkip[i].span.iEnd, p->aSkip[i].zWhy, p->aSkip[i].zText, C("0"));
    }
  }
}
