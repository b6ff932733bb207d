/*
** xread.c -- the contract JSON back into an Extraction (see xread.h).
*/
#include "xread.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* Free the nodes and tasks of p, keeping its source. */
static void drop_items(Extraction *p){
  Extraction x;
  memset(&x, 0, sizeof(x));
  x.aNode = p->aNode; x.nNode = p->nNode;
  x.aTask = p->aTask; x.nTask = p->nTask;
  extraction_free(&x);
  p->aNode = 0; p->nNode = p->nNodeAlloc = 0;
  p->aTask = 0; p->nTask = p->nTaskAlloc = 0;
}

/* Read a [start, end] span; nonzero when malformed. */
static int read_span(json_t *j, XSpan *s){
  if( !json_is_array(j) || json_array_size(j)!=2 ) return -1;
  json_t *a = json_array_get(j, 0), *b = json_array_get(j, 1);
  if( !json_is_integer(a) || !json_is_integer(b) ) return -1;
  s->iStart = (int)json_integer_value(a);
  s->iEnd = (int)json_integer_value(b);
  return s->iStart<0 || s->iEnd<s->iStart ? -1 : 0;
}

/* A string member as a new string, or NULL when absent or null. */
static char *opt_str(json_t *o, const char *zKey){
  json_t *v = json_object_get(o, zKey);
  return json_is_string(v) ? xstrdup(json_string_value(v)) : 0;
}

/* The static spelling of a cmp value, or NULL when unknown. */
static const char *static_cmp(const char *z){
  static const char *az[] = {"=", ">=", "<=", "~", "range"};
  for(int i=0; z && i<5; i++) if( strcmp(z, az[i])==0 ) return az[i];
  return 0;
}

/* The static spelling of a strength value, or NULL when unknown. */
static const char *static_strength(const char *z){
  static const char *az[] = {"must", "strive", "plain"};
  for(int i=0; z && i<3; i++) if( strcmp(z, az[i])==0 ) return az[i];
  return 0;
}

/* The index of node id zId ("n7") in the nodes array j, or -1. */
static int node_index(json_t *aNodes, const char *zId){
  size_t i;
  json_t *n;
  json_array_foreach(aNodes, i, n){
    json_t *id = json_object_get(n, "id");
    if( json_is_string(id) && strcmp(json_string_value(id), zId)==0 ) return (int)i;
  }
  return -1;
}

/* See xread.h. */
int extraction_read_json(Extraction *p, const char *zJson, const char *zName, Err *e){
  json_error_t je;
  json_t *root = json_loads(zJson, 0, &je);
  drop_items(p);
  if( root==0 ){
    return err_set(e, ERR_INPUT, "%s: not JSON (line %d: %s)", zName, je.line, je.text);
  }
  int rc = -1;
  json_t *aNodes = json_object_get(root, "nodes");
  json_t *aTasks = json_object_get(root, "tasks");
  json_t *src = json_object_get(root, "source");
  const char *zSha = json_string_value(json_object_get(src, "sha256"));
  if( !json_is_array(aNodes) || !json_is_array(aTasks) ){
    err_set(e, ERR_INPUT, "%s: not an extraction (no \"nodes\" and \"tasks\" arrays)", zName);
    goto done;
  }
  if( zSha && strcmp(zSha, p->zSha256)!=0 ){
    err_set(e, ERR_INPUT, "%s: is the extraction of another file (source.sha256 %.12s…, file %.12s…)",
            zName, zSha, p->zSha256);
    goto done;
  }
  size_t i;
  json_t *n;
  json_array_foreach(aNodes, i, n){
    XNode *x = ARRAY_PUSH(p->aNode, p->nNode, p->nNodeAlloc);
    json_t *par = json_object_get(n, "parent");
    x->iParent = json_is_string(par) ? node_index(aNodes, json_string_value(par)) : -1;
    if( x->iParent >= (int)i ) x->iParent = -1;
    x->level = (int)json_integer_value(json_object_get(n, "level"));
    const char *zPart = json_string_value(json_object_get(n, "part"));
    x->partKind = !zPart ? PART_PLAN : strcmp(zPart, "review")==0 ? PART_REVIEW
                : strcmp(zPart, "other")==0 ? PART_OTHER : strcmp(zPart, "none")==0 ? PART_NONE : PART_PLAN;
    x->inferred = json_is_true(json_object_get(n, "inferred"));
    x->zLabel = opt_str(n, "label");
    x->zTitle = opt_str(n, "title");
    if( !x->zLabel ) x->zLabel = xstrdup("");
    if( !x->zTitle ) x->zTitle = xstrdup("");
    if( read_span(json_object_get(n, "span"), &x->span) ){
      err_set(e, ERR_INPUT, "%s: nodes[%zu].span: want [start, end]", zName, i);
      goto done;
    }
  }
  json_t *t;
  json_array_foreach(aTasks, i, t){
    XTask *x = ARRAY_PUSH(p->aTask, p->nTask, p->nTaskAlloc);
    json_t *nd = json_object_get(t, "node");
    x->iNode = json_is_string(nd) ? node_index(aNodes, json_string_value(nd)) : -1;
    x->zText = opt_str(t, "text");
    if( x->zText==0 || read_span(json_object_get(t, "span"), &x->span) ){
      err_set(e, ERR_INPUT, "%s: tasks[%zu]: needs \"text\" and \"span\"", zName, i);
      goto done;
    }
    json_t *d = json_object_get(t, "deadline");
    const char *zDate = json_string_value(json_object_get(d, "date"));
    if( zDate==0 || !date_valid(zDate) ){
      err_set(e, ERR_INPUT, "%s: tasks[%zu].deadline.date: want YYYY-MM-DD", zName, i);
      goto done;
    }
    memcpy(x->deadline.zDate, zDate, 11);
    x->deadline.zText = opt_str(d, "text");
    x->deadline.explicit = json_is_true(json_object_get(d, "explicit"));
    x->deadline.span.iStart = x->deadline.span.iEnd = -1;
    if( x->deadline.explicit && read_span(json_object_get(d, "span"), &x->deadline.span) ){
      x->deadline.span.iStart = x->deadline.span.iEnd = -1;
    }
    size_t k;
    json_t *g;
    json_array_foreach(json_object_get(t, "targets"), k, g){
      XTarget *y = ARRAY_PUSH(x->aTarget, x->nTarget, x->nTargetAlloc);
      y->zCmp = static_cmp(json_string_value(json_object_get(g, "cmp")));
      y->zStrength = static_strength(json_string_value(json_object_get(g, "strength")));
      json_t *v = json_object_get(g, "value");
      if( !y->zCmp || !y->zStrength || !json_is_number(v) || read_span(json_object_get(g, "span"), &y->span) ){
        err_set(e, ERR_INPUT, "%s: tasks[%zu].targets[%zu]: needs span, numeric value, cmp and strength",
                zName, i, k);
        goto done;
      }
      y->value = json_number_value(v);
      json_t *vm = json_object_get(g, "value_max");
      y->valueMax = json_is_number(vm) ? json_number_value(vm) : y->value;
      y->zText = opt_str(g, "text");
      y->zSubject = opt_str(g, "subject");
      y->zUnit = opt_str(g, "unit");
    }
    json_t *dep;
    json_array_foreach(json_object_get(t, "departments"), k, dep){
      if( !json_is_string(dep) ) continue;
      x->azDept = xrealloc(x->azDept, sizeof(char*)*(size_t)(x->nDept+1));
      x->azDept[x->nDept++] = xstrdup(json_string_value(dep));
    }
  }
  rc = 0;
done:
  if( rc ) drop_items(p);
  json_decref(root);
  return rc;
}
