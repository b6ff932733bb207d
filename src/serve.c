/*
** serve.c -- `luoshi serve`: the HTTP server (libmicrohttpd with a thread
** pool on epoll), the request life cycle, routing, body limits, forms and
** multipart uploads, cookies, sessions and bearer tokens, the CSRF check,
** security headers, the request log, the cache of public answers,
** and a clean stop on SIGTERM/SIGINT.
**
** A request goes:  MHD calls on_request() once with the headers, then once
** per chunk of body (fed to an MHD_PostProcessor for forms, kept raw for
** JSON), then once more; the last call fills the Req (web.h): the acting
** user (bearer token, else session cookie, else the public) on this
** thread's own Ledger, the CSRF check for every unsafe method, then the
** page function of the route table.  The Req's response (status, type,
** body, headers) is sent with the security headers every response gets;
** on_completed() logs one line and frees the Req.
**
** Each MHD thread opens its own Ledger (one SQLite connection) the first
** time it needs one; all of them are closed after the daemon has stopped.
*/
#include "web.h"
#include "auth.h"
#include "ledger_web.h"
#include "remind.h"
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int g_webTls = 0;
size_t g_webMaxUpload = 10*1024*1024;

static const char *zServeDb;         /* the ledger file */
static int logFd = 2;                /* the request log */

/* Security headers of every response. */
static const char zCsp[] =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
  "frame-ancestors 'none'; base-uri 'none'";

/* ---- per-thread ledgers ---- */

static __thread Ledger *tLedger;     /* this thread's connection */
static Ledger **aAllLedger;          /* every one opened, to close at exit */
static int nAllLedger, nAllLedgerAlloc;
static pthread_mutex_t ledgerMutex = PTHREAD_MUTEX_INITIALIZER;

/* This thread's ledger, opened on first use; NULL after setting e. */
static Ledger *thread_ledger(Err *e){
  if( tLedger ) return tLedger;
  Ledger *L;
  if( ledger_open(zServeDb, &L, e) ) return 0;
  pthread_mutex_lock(&ledgerMutex);
  *ARRAY_PUSH(aAllLedger, nAllLedger, nAllLedgerAlloc) = L;
  pthread_mutex_unlock(&ledgerMutex);
  tLedger = L;
  return L;
}

/* Close every thread's ledger (after the daemon has stopped). */
static void close_all_ledgers(void){
  for(int i=0; i<nAllLedger; i++) ledger_close(aAllLedger[i]);
  free(aAllLedger);
  aAllLedger = 0;
  nAllLedger = nAllLedgerAlloc = 0;
}

/* ---- the cache of public answers ---- */

/*
** What the public is shown depends only on the URL, the ledger's contents
** and the day; so a public GET answer (status 200, no headers of its own,
** not marked no-store) is kept, keyed by host and URL, and sent again as
** the same MHD_Response (libmicrohttpd shares a response between
** connections) until the ledger's generation, web_invalidate()'s count or
** the day changes.  N_CACHE entries, least recently used replaced; bodies
** over CACHE_MAX_BODY are not kept.
*/
#define N_CACHE        48
#define CACHE_MAX_BODY (1024*1024)
typedef struct CacheEntry CacheEntry;
struct CacheEntry {
  char *zKey;                    /* host + URL with its query */
  long long gen;                 /* ledger generation it was built from */
  long long localGen;            /* web_invalidate() count it was built at */
  char zDay[11];                 /* today() it was built on */
  struct MHD_Response *pResp;    /* shared by every connection sending it */
  size_t nBody;
  unsigned long long lastUse;    /* for replacing the least recently used */
};
static CacheEntry aCache[N_CACHE];
static unsigned long long cacheClock;
static pthread_mutex_t cacheMutex = PTHREAD_MUTEX_INITIALIZER;
static long long localGen;       /* bumped by web_invalidate() */
static pthread_mutex_t genMutex = PTHREAD_MUTEX_INITIALIZER;

/* See web.h. */
void web_invalidate(void){
  pthread_mutex_lock(&genMutex);
  localGen++;
  pthread_mutex_unlock(&genMutex);
}

static long long local_gen(void){
  pthread_mutex_lock(&genMutex);
  long long g = localGen;
  pthread_mutex_unlock(&genMutex);
  return g;
}

/* ---- parameters ---- */

/* See web.h. */
const char *P(Req *r, const char *zName){
  for(int i=0; i<r->nParam; i++){
    if( strcmp(r->aParam[i].zName, zName)==0 ) return buf_str(&r->aParam[i].val);
  }
  return 0;
}

/* See web.h. */
const char *PF(Req *r, const char *zName){
  for(int i=0; i<r->nParam; i++){
    if( r->aParam[i].fromForm && strcmp(r->aParam[i].zName, zName)==0 ) return buf_str(&r->aParam[i].val);
  }
  return 0;
}

/* See web.h. */
int PI(Req *r, const char *zName, int dflt){
  const char *z = P(r, zName);
  if( z==0 || z[0]==0 || strlen(z)>9 ) return dflt;
  for(const char *c=z; *c; c++) if( *c<'0' || *c>'9' ) return dflt;
  return atoi(z);
}

/* See web.h. */
int web_upload(Req *r, const char *zField, int k){
  for(int i=0; i<r->nUp; i++){
    if( strcmp(r->aUp[i].zField, zField)==0 && k--==0 ) return i;
  }
  return -1;
}

/* See web.h. */
int path_id(Req *r, const char *zPrefix){
  size_t n = strlen(zPrefix);
  if( strncmp(r->zPath, zPrefix, n)!=0 ) return 0;
  const char *z = r->zPath + n;
  int v = 0, nDigit = 0;
  while( *z>='0' && *z<='9' && nDigit<9 ){ v = v*10 + (*z++ - '0'); nDigit++; }
  if( nDigit==0 || (*z && *z!='/') ) return 0;
  return v;
}

/* Add a parameter (value copied). */
static Param *param_add(Req *r, const char *zName, const char *zValue, size_t n, int fromForm){
  Param *p = ARRAY_PUSH(r->aParam, r->nParam, r->nParamAlloc);
  p->zName = xstrdup(zName);
  buf_init(&p->val);
  buf_append(&p->val, zValue ? zValue : "", zValue ? n : 0);
  p->fromForm = fromForm;
  return p;
}

/* MHD iterator over the query string. */
static enum MHD_Result query_arg(void *cls, enum MHD_ValueKind kind, const char *zKey,
                                 const char *zValue){
  Req *r = cls;
  if( r->nParam>=WEB_MAX_FIELDS ){ r->bodyState = 2; return MHD_NO; }
  param_add(r, zKey ? zKey : "", zValue ? zValue : "", zValue ? strlen(zValue) : 0, 0);
  return MHD_YES;
}

/* MHD_PostProcessor iterator: form fields and uploaded files, in chunks. */
static enum MHD_Result post_field(void *cls, enum MHD_ValueKind kind, const char *zKey,
                                  const char *zFile, const char *zType, const char *zEnc,
                                  const char *aData, uint64_t off, size_t n){
  Req *r = cls;
  if( zKey==0 ) zKey = "";
  if( zFile ){
    if( off==0 ){
      if( r->nUp>=WEB_MAX_UPLOADS ){ r->bodyState = 1; return MHD_NO; }
      Upload *u = ARRAY_PUSH(r->aUp, r->nUp, r->nUpAlloc);
      u->zField = xstrdup(zKey);
      u->zName = xstrdup(zFile);
      u->zType = xstrdup(zType ? zType : "");
      buf_init(&u->data);
      buf_str(&u->data);
      r->iCurUp = r->nUp-1;
    }
    if( r->iCurUp<0 ) return MHD_NO;
    Upload *u = &r->aUp[r->iCurUp];
    if( u->data.n + n > g_webMaxUpload ){ r->bodyState = 1; return MHD_NO; }
    buf_append(&u->data, aData, n);
    return MHD_YES;
  }
  if( off==0 ){
    if( r->nParam>=WEB_MAX_FIELDS ){ r->bodyState = 2; return MHD_NO; }
    param_add(r, zKey, "", 0, 1);
    r->iCurParam = r->nParam-1;
  }
  if( r->iCurParam<0 ) return MHD_NO;
  Param *p = &r->aParam[r->iCurParam];
  if( p->val.n + n > WEB_MAX_FORM ){ r->bodyState = 1; return MHD_NO; }
  buf_append(&p->val, aData, n);
  return MHD_YES;
}

/* ---- answering ---- */

/* See web.h. */
void web_header(Req *r, const char *zName, const char *zValue){
  Header *h = ARRAY_PUSH(r->aHdr, r->nHdr, r->nHdrAlloc);
  h->zName = xstrdup(zName);
  h->zValue = xstrdup(zValue);
}

/* See web.h. */
void web_cookie(Req *r, const char *zName, const char *zValue, int maxAge){
  Buf b = BUF_INIT;
  buf_printf(&b, "%s=%s; Path=/; HttpOnly; SameSite=Strict", zName, zValue);
  if( maxAge>=0 ) buf_printf(&b, "; Max-Age=%d", maxAge);
  if( g_webTls ) buf_puts(&b, "; Secure");
  web_header(r, "Set-Cookie", buf_str(&b));
  buf_free(&b);
}

/* True when z is a local path safe to redirect to ("/..." but not "//"). */
static int local_url(const char *z){
  if( z==0 || z[0]!='/' || z[1]=='/' || z[1]=='\\' ) return 0;
  for(; *z; z++) if( (unsigned char)*z<0x20 || *z=='\\' ) return 0;
  return 1;
}

/* See web.h. */
void web_redirect(Req *r, const char *zUrl){
  r->status = 303;
  web_header(r, "Location", local_url(zUrl) ? zUrl : "/");
  buf_reset(&r->out);
  r->zType = "text/plain; charset=utf-8";
  buf_puts(&r->out, "see other\n");
}

/* See web.h. */
void web_redirect_msg(Req *r, const char *zPath, const char *zMsg){
  Buf b = BUF_INIT;
  const char *zHash = strchr(zPath, '#');
  size_t n = zHash ? (size_t)(zHash - zPath) : strlen(zPath);
  buf_append(&b, zPath, n);
  buf_puts(&b, memchr(zPath, '?', n) ? "&msg=" : "?msg=");
  url_encode(&b, zMsg);
  if( zHash ) buf_puts(&b, zHash);
  web_redirect(r, buf_str(&b));
  buf_free(&b);
}

/* See web.h. */
void web_need_login(Req *r){
  if( r->isApi ){
    web_fail(r, ERR_AUTH, "log in first (a session cookie or Authorization: Bearer TOKEN)");
    return;
  }
  Buf b = BUF_INIT;
  buf_puts(&b, "/login?next=");
  url_encode(&b, r->zPath);
  web_redirect(r, buf_str(&b));
  buf_free(&b);
}

/* Chinese heading of an error status. */
static const char *status_title(int code){
  switch( code ){
    case 400: return "请求有误";
    case 401: return "需要登录";
    case 403: return "无权操作";
    case 404: return "未找到";
    case 405: return "不支持的请求方法";
    case 409: return "当前状态不允许此操作";
    case 413: return "内容过大";
    case 429: return "尝试过于频繁";
    default:  return "服务器内部错误";
  }
}

/* A sentence for the public saying what an error status means. */
static const char *status_help(int code){
  switch( code ){
    case 400: return "提交的内容有误，请检查后重试。";
    case 401: return "请先登录。";
    case 403: return "您的账号无权进行此操作。";
    case 404: return "要找的内容不存在或尚未公开。";
    case 405: return "不支持这种请求方式。";
    case 409: return "当前状态不允许此操作（可能已被他人处理）。";
    case 413: return "提交的内容超过了上限。";
    case 429: return "尝试过于频繁，请稍后再试。";
    default:  return "服务器出错，请稍后再试。";
  }
}

/* See web.h. */
void web_error(Req *r, const Err *e){
  int code = e->code>=400 && e->code<600 ? e->code : 500;
  r->status = code;
  buf_reset(&r->out);
  if( r->isApi ){
    api_error_body(r, code, e->zMsg[0] ? e->zMsg : status_title(code));
    return;
  }
  r->zType = "text/html; charset=utf-8";
  page_begin(r, status_title(code));
  html_printf(&r->out, "<h1>%s</h1>", status_title(code));
  /* the ledger speaks English (as the CLI); say it in Chinese first */
  int bAscii = 1;
  for(const char *z = e->zMsg; *z && bAscii; z++) bAscii = (unsigned char)*z < 0x80;
  if( bAscii ){
    html_printf(&r->out, "<p class=err>%s</p>", status_help(code));
    if( e->zMsg[0] ) html_printf(&r->out, "<p class=sub>详情：%s</p>", e->zMsg);
  }else{
    html_printf(&r->out, "<p class=err>%s</p>", e->zMsg);
  }
  if( code==401 ) html_printf(&r->out, "<p><a href=\"/login?next=%U\">登录</a></p>", r->zPath);
  html_printf(&r->out, "<p><a href=/>返回首页</a></p>");
  page_end(r);
}

/* See web.h. */
void web_fail(Req *r, int code, const char *zFmt, ...){
  Err e = {0};
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(e.zMsg, sizeof(e.zMsg), zFmt, ap);
  va_end(ap);
  e.code = code;
  web_error(r, &e);
}

/* See web.h. */
const char *web_csrf_token(Req *r){
  if( r->sess.zId[0] ) return r->sess.zCsrf;
  if( r->zPreCsrf ) return r->zPreCsrf;
  const char *z = MHD_lookup_connection_value(r->pConn, MHD_COOKIE_KIND, "luoshi_csrf");
  if( z && strlen(z)==43 && strspn(z, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")==43 ){
    r->zPreCsrf = xstrdup(z);
  }else{
    char zNew[48];
    secret_new(zNew);
    r->zPreCsrf = xstrdup(zNew);
    web_cookie(r, "luoshi_csrf", zNew, -1);
  }
  r->noStore = 1;
  return r->zPreCsrf;
}

/* See web.h. */
void web_csrf_field(Req *r){
  html_printf(&r->out, "<input type=hidden name=csrf value=\"%s\">", web_csrf_token(r));
}

/* See web.h. */
void web_flash(Req *r){
  const char *z = P(r, "msg");
  if( z && z[0] ) html_printf(&r->out, "<p class=flash>%s</p>", z);
}

/* See web.h. */
const char *web_host(Req *r){
  const char *z = MHD_lookup_connection_value(r->pConn, MHD_HEADER_KIND, "Host");
  if( z==0 || z[0]==0 || strlen(z)>255
   || strspn(z, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]")!=strlen(z) ){
    return "localhost";
  }
  return z;
}

/* See web.h. */
void page_begin(Req *r, const char *zTitle){
  const User *u = r->pUser;
  r->zType = "text/html; charset=utf-8";
  html_printf(&r->out,
    "<!doctype html>\n<html lang=zh-CN><head><meta charset=utf-8>"
    "<meta name=viewport content=\"width=device-width,initial-scale=1\">"
    "<title>%s · 落实</title>"
    "<link rel=stylesheet href=/static/luoshi.css>"
    "<link rel=alternate type=application/atom+xml title=\"进展动态\" href=/feed.atom>"
    "</head><body><header class=top><a class=brand href=/>落实</a><nav>"
    "<a href=/>首页</a><a href=/tasks>全部任务</a><a href=/units>责任单位</a>"
    "<a href=/data>开放数据</a>", zTitle);
  if( u->unitId ) html_printf(&r->out, "<a href=/my>我的任务</a>");
  if( web_is_staff(r) ) html_printf(&r->out, "<a href=/admin>督查工作台</a>");
  if( u->id==0 ){
    html_printf(&r->out, "<a class=login href=/login>登录</a>");
  }else{
    html_printf(&r->out, "<form class=logout method=post action=/logout>");
    web_csrf_field(r);
    html_printf(&r->out, "<span class=who>%s（%s%s%s）</span><button>退出</button></form>",
                u->zLogin, role_label(u->role), u->zUnit ? "·" : "", u->zUnit ? u->zUnit : "");
  }
  html_printf(&r->out, "</nav></header><main>");
}

/* See web.h. */
void page_end(Req *r){
  html_printf(&r->out, "</main><footer>落实 · 政府工作报告任务台账 · "
              "<a href=/data>开放数据</a> · <a href=/feed.atom>订阅</a> · "
              "<a href=/api/v1/plans>API</a></footer></body></html>\n");
}

/* See web.h. */
int web_is_staff(Req *r){
  return auth_can(r->pUser, ACT_SUPERVISE, 0);
}

/* ---- static files ---- */

/* WEBPAGE: /static/luoshi.css  the stylesheet */
static void page_css(Req *r){
  r->zType = "text/css; charset=utf-8";
  buf_puts(&r->out, zWebCss);
  web_header(r, "Cache-Control", "public, max-age=3600");
}

/* WEBPAGE: /robots.txt */
static void page_robots(Req *r){
  r->zType = "text/plain; charset=utf-8";
  buf_puts(&r->out, "User-agent: *\nDisallow: /admin\nDisallow: /my\nDisallow: /report\n");
}

/* WEBPAGE: /favicon.ico  nothing (no 404 in the log of every visit) */
static void page_favicon(Req *r){
  r->status = 204;
  r->zType = "image/x-icon";
  web_header(r, "Cache-Control", "public, max-age=86400");
}

/* ---- routing ---- */

#define R_POST   1     /* answers POST (else GET and HEAD) */
#define R_PREFIX 2     /* zPath is a prefix */

typedef struct Route Route;
struct Route {
  const char *zPath;
  int flags;
  void (*xPage)(Req*);
};

static const Route aRoute[] = {
  {"/",                     0,                 page_home},
  {"/tasks",                0,                 page_tasks},
  {"/task/",                R_PREFIX,          page_task},
  {"/units",                0,                 page_units},
  {"/unit/",                R_PREFIX,          page_unit},
  {"/data",                 0,                 page_data},
  {"/data/tasks.csv",       0,                 page_data_csv},
  {"/data/tasks.json",      0,                 page_data_json},
  {"/feed.atom",            0,                 page_feed},
  {"/evidence/",            R_PREFIX,          page_evidence},
  {"/static/luoshi.css",    0,                 page_css},
  {"/robots.txt",           0,                 page_robots},
  {"/favicon.ico",          0,                 page_favicon},
  {"/login",                0,                 page_login},
  {"/login",                R_POST,            page_login_post},
  {"/logout",               R_POST,            page_logout},
  {"/my",                   0,                 page_my},
  {"/report/",              R_PREFIX,          page_report_form},
  {"/report/",              R_PREFIX|R_POST,   page_report_post},
  {"/admin",                0,                 page_admin},
  {"/admin/plans",          0,                 page_admin_plans},
  {"/admin/import",         R_POST,            page_admin_import},
  {"/admin/publish/",       R_PREFIX|R_POST,   page_admin_publish},
  {"/admin/decompose",      0,                 page_admin_decompose},
  {"/admin/task/",          R_PREFIX|R_POST,   page_admin_task_edit},
  {"/admin/target/",        R_PREFIX|R_POST,   page_admin_target},
  {"/admin/queue",          0,                 page_admin_queue},
  {"/admin/review/",        R_PREFIX|R_POST,   page_admin_review},
  {"/admin/close/",         R_PREFIX|R_POST,   page_admin_close},
  {"/admin/units",          0,                 page_admin_units},
  {"/admin/brief",          0,                 page_admin_brief},
  {"/admin/brief.docx",     0,                 page_admin_brief_docx},
  {"/admin/brief.html",     0,                 page_admin_brief_html},
  {"/admin/reminders",      0,                 page_admin_reminders},
  {"/admin/reminders/check",0,                 page_admin_remind_check},
  {"/my/sheet.xlsx",        0,                 page_my_sheet},
  {"/my/sheet",             R_POST,            page_my_sheet_post},
  {"/my/reminders",         0,                 page_my_reminders},
  {"/static/gongwen.css",   0,                 page_gongwen_css},
  {"/admin/people",         0,                 page_admin_people},
  {"/admin/people/user",    R_POST,            page_admin_people_user},
  {"/admin/people/password",R_POST,            page_admin_people_password},
  {"/admin/people/unit",    R_POST,            page_admin_people_unit_add},
  {"/admin/people/unit/",   R_PREFIX|R_POST,   page_admin_people_unit_edit},
  {"/my/password",          0,                 page_my_password},
  {"/my/password",          R_POST,            page_my_password_post},
};
#define N_ROUTE ((int)(sizeof(aRoute)/sizeof(aRoute[0])))

/* True when the route matches path zPath. */
static int route_match(const Route *rt, const char *zPath){
  if( rt->flags & R_PREFIX ) return strncmp(zPath, rt->zPath, strlen(rt->zPath))==0;
  return strcmp(zPath, rt->zPath)==0;
}

/* True when method zMethod changes something (needs a CSRF token). */
static int unsafe_method(const char *z){
  return strcmp(z, "GET")!=0 && strcmp(z, "HEAD")!=0 && strcmp(z, "OPTIONS")!=0;
}

/* Establish the acting user of r: a bearer token, else the session
** cookie, else the public.  Returns nonzero (with an answer in r) when a
** bearer token is given but bad. */
static int req_authenticate(Req *r){
  Err e = {0};
  const char *zAuth = MHD_lookup_connection_value(r->pConn, MHD_HEADER_KIND, "Authorization");
  ledger_act_as(r->L, 0, &e);
  if( zAuth ){
    char *zLogin = 0;
    if( strncasecmp(zAuth, "Bearer ", 7)!=0 ){
      web_fail(r, ERR_AUTH, "Authorization: only Bearer tokens are accepted");
      return -1;
    }
    if( token_login(r->L, zAuth+7, &zLogin, &e) || ledger_act_as(r->L, zLogin, &e) ){
      free(zLogin);
      if( e.code!=ERR_INTERNAL ) e.code = ERR_AUTH;
      web_error(r, &e);
      return -1;
    }
    free(zLogin);
    r->viaToken = 1;
    r->noStore = 1;
    r->pUser = ledger_user(r->L);
    return 0;
  }
  const char *zCookie = MHD_lookup_connection_value(r->pConn, MHD_COOKIE_KIND, "luoshi_session");
  if( zCookie ){
    if( session_find(r->L, zCookie, &r->sess, &e)==0 && ledger_act_as(r->L, r->sess.zLogin, &e)==0 ){
      r->noStore = 1;
    }else{
      session_clear(&r->sess);
      ledger_act_as(r->L, 0, &e);
      web_cookie(r, "luoshi_session", "", 0);   /* forget a dead cookie */
    }
  }
  r->pUser = ledger_user(r->L);
  return 0;
}

/* The CSRF check of every unsafe request not made with a bearer token:
** the form field "csrf" or the header X-CSRF-Token must equal the token of
** the session (or, without a session, the anonymous one of the login
** form; API calls without a session are exempt). */
static int req_csrf_ok(Req *r){
  if( r->viaToken ) return 1;
  /* an API call with no credentials at all acts as the public: nothing to
  ** forge (the ledger refuses the public's writes) */
  if( r->isApi && r->sess.zId[0]==0 ) return 1;
  const char *zGiven = PF(r, "csrf");
  if( zGiven==0 ) zGiven = MHD_lookup_connection_value(r->pConn, MHD_HEADER_KIND, "X-CSRF-Token");
  const char *zWant = r->sess.zId[0] ? r->sess.zCsrf
                    : MHD_lookup_connection_value(r->pConn, MHD_COOKIE_KIND, "luoshi_csrf");
  return secret_equal(zGiven, zWant);
}

/* True when every parameter and file name of r is UTF-8 without control
** characters other than tab and newlines. */
static int req_text_ok(Req *r){
  for(int i=0; i<r->nParam; i++){
    const char *z = buf_str(&r->aParam[i].val);
    size_t n = r->aParam[i].val.n;
    if( strlen(z)!=n || utf8_valid_prefix((const unsigned char*)z, n)!=n ) return 0;
    if( utf8_valid_prefix((const unsigned char*)r->aParam[i].zName, strlen(r->aParam[i].zName))
        !=strlen(r->aParam[i].zName) ) return 0;
    for(size_t k=0; k<n; k++){
      unsigned char c = (unsigned char)z[k];
      if( c<0x20 && c!='\t' && c!='\n' && c!='\r' ) return 0;
    }
  }
  for(int i=0; i<r->nUp; i++){
    size_t n = strlen(r->aUp[i].zName);
    if( utf8_valid_prefix((const unsigned char*)r->aUp[i].zName, n)!=n ) return 0;
  }
  return 1;
}

/* The cache key of r: host, path and query, written unambiguously
** (caller frees). */
static char *cache_key(Req *r){
  Buf b = BUF_INIT;
  buf_printf(&b, "%s %s %s?", r->zMethod, web_host(r), r->zPath);
  for(int i=0; i<r->nParam; i++){
    if( r->aParam[i].fromForm ) continue;
    url_encode(&b, r->aParam[i].zName);
    buf_putc(&b, '=');
    url_encode(&b, buf_str(&r->aParam[i].val));
    buf_putc(&b, '&');
  }
  return buf_detach(&b);
}

/* Send the cached answer of key zKey when it is current: returns 1 and
** sets r->pReady. */
static int cache_lookup(Req *r, const char *zKey, long long gen, long long lgen){
  int hit = 0;
  pthread_mutex_lock(&cacheMutex);
  for(int i=0; i<N_CACHE && !hit; i++){
    CacheEntry *c = &aCache[i];
    if( c->pResp==0 || strcmp(c->zKey, zKey)!=0 ) continue;
    if( c->gen==gen && c->localGen==lgen && strcmp(c->zDay, today())==0 ){
      r->pReady = c->pResp;
      r->nSent = (long long)c->nBody;
      r->status = 200;
      c->lastUse = ++cacheClock;
      hit = 1;
    }
  }
  pthread_mutex_unlock(&cacheMutex);
  return hit;
}

static struct MHD_Response *build_response(Req *r);

/* Keep r's fresh answer under zKey when it may be shared, and send it. */
static void cache_store(Req *r, const char *zKey, long long gen, long long lgen){
  if( r->status!=200 || r->nHdr>0 || r->noStore || r->pReady || r->out.n>CACHE_MAX_BODY ) return;
  struct MHD_Response *p = build_response(r);
  if( p==0 ) return;
  pthread_mutex_lock(&cacheMutex);
  CacheEntry *c = 0;
  for(int i=0; i<N_CACHE && c==0; i++) if( aCache[i].zKey && strcmp(aCache[i].zKey, zKey)==0 ) c = &aCache[i];
  for(int i=0; i<N_CACHE && c==0; i++) if( aCache[i].pResp==0 ) c = &aCache[i];
  if( c==0 ){
    c = &aCache[0];
    for(int i=1; i<N_CACHE; i++) if( aCache[i].lastUse < c->lastUse ) c = &aCache[i];
  }
  if( c->pResp ) MHD_destroy_response(c->pResp);
  free(c->zKey);
  c->zKey = xstrdup(zKey);
  c->pResp = p;
  c->gen = gen;
  c->localGen = lgen;
  c->nBody = r->out.n;
  c->lastUse = ++cacheClock;
  snprintf(c->zDay, sizeof(c->zDay), "%s", today());
  pthread_mutex_unlock(&cacheMutex);
  r->pReady = p;
  r->nSent = (long long)r->out.n;
}

/* Empty the cache (at exit). */
static void cache_clear(void){
  pthread_mutex_lock(&cacheMutex);
  for(int i=0; i<N_CACHE; i++){
    if( aCache[i].pResp ) MHD_destroy_response(aCache[i].pResp);
    free(aCache[i].zKey);
    memset(&aCache[i], 0, sizeof(aCache[i]));
  }
  pthread_mutex_unlock(&cacheMutex);
}

/* Run the handler of r: the API or the page of the route table. */
static void route(Req *r, int isPost){
  if( r->isApi ){ api_dispatch(r); return; }
  int seen = 0;
  for(int i=0; i<N_ROUTE; i++){
    const Route *rt = &aRoute[i];
    if( !route_match(rt, r->zPath) ) continue;
    seen = 1;
    if( ((rt->flags & R_POST)!=0) != isPost ) continue;
    rt->xPage(r);
    return;
  }
  if( seen ) web_fail(r, 405, "%s 不接受 %s 请求", r->zPath, r->zMethod);
  else web_fail(r, ERR_NOTFOUND, "没有这个页面：%s", r->zPath);
}

/* Answer request r (headers and body all read). */
static void dispatch(Req *r){
  Err e = {0};
  r->isApi = strncmp(r->zPath, "/api/", 5)==0 || strcmp(r->zPath, "/api")==0;
  if( r->bodyState==1 ){
    web_fail(r, ERR_TOOBIG, "请求内容超过上限（文件不超过%zu MB，表单不超过%d KB）",
             g_webMaxUpload/(1024*1024), WEB_MAX_FORM/1024);
    return;
  }
  if( r->bodyState==2 || !req_text_ok(r) ){
    web_fail(r, ERR_INPUT, "请求格式有误（表单无法解析或不是UTF-8文本）");
    return;
  }
  r->L = thread_ledger(&e);
  if( r->L==0 ){ web_error(r, &e); return; }
  r->pUser = ledger_user(r->L);
  if( req_authenticate(r) ) return;
  int isPost = unsafe_method(r->zMethod);
  static const char *const azPage[] = {"GET", "HEAD", "POST", 0};
  static const char *const azApi[] = {"GET", "HEAD", "POST", "PATCH", "DELETE", 0};
  int known = 0;
  for(const char *const *a = r->isApi ? azApi : azPage; *a && !known; a++) known = strcmp(*a, r->zMethod)==0;
  if( !known ){
    web_fail(r, 405, "不支持的请求方法 %s", r->zMethod);
    return;
  }
  if( isPost && !req_csrf_ok(r) ){
    web_fail(r, ERR_FORBIDDEN, "表单校验失败（CSRF）：请刷新页面后重新提交");
    return;
  }
  if( isPost || r->pUser->id!=0 || r->nHdr>0 ){
    route(r, isPost);
    return;
  }
  /* the public's GET: from the cache when nothing changed */
  long long gen = 0, lgen = local_gen();
  if( ledger_generation(r->L, &gen, &e) ){ web_error(r, &e); return; }
  char *zKey = cache_key(r);
  if( !cache_lookup(r, zKey, gen, lgen) ){
    route(r, 0);
    cache_store(r, zKey, gen, lgen);
  }
  free(zKey);
}

/* The MHD response of r with the headers every response gets. */
static struct MHD_Response *build_response(Req *r){
  size_t n = r->out.n;
  char *z = buf_detach(&r->out);
  struct MHD_Response *p = MHD_create_response_from_buffer(n, z, MHD_RESPMEM_MUST_FREE);
  if( p==0 ){ free(z); return 0; }
  r->out.n = n;      /* remembered for the log only; the bytes now belong to MHD */
  MHD_add_response_header(p, "Content-Type", r->zType ? r->zType : "text/html; charset=utf-8");
  MHD_add_response_header(p, "Content-Security-Policy", zCsp);
  MHD_add_response_header(p, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(p, "X-Frame-Options", "DENY");
  MHD_add_response_header(p, "Referrer-Policy", "same-origin");
  MHD_add_response_header(p, "Cross-Origin-Opener-Policy", "same-origin");
  MHD_add_response_header(p, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if( g_webTls ) MHD_add_response_header(p, "Strict-Transport-Security", "max-age=31536000");
  int hasCache = 0;
  for(int i=0; i<r->nHdr; i++){
    if( strcasecmp(r->aHdr[i].zName, "Cache-Control")==0 ) hasCache = 1;
    if( strcasecmp(r->aHdr[i].zName, "Content-Security-Policy")==0 ){
      MHD_del_response_header(p, "Content-Security-Policy", zCsp);
    }
    MHD_add_response_header(p, r->aHdr[i].zName, r->aHdr[i].zValue);
  }
  if( !hasCache ) MHD_add_response_header(p, "Cache-Control", r->noStore ? "no-store" : "no-cache");
  return p;
}

/* Queue the answer of r on its connection. */
static enum MHD_Result send_answer(Req *r){
  if( r->pReady ){
    return MHD_queue_response(r->pConn, (unsigned)r->status, r->pReady);
  }
  if( r->status>=400 ) r->noStore = 1;
  struct MHD_Response *p = build_response(r);
  if( p==0 ) return MHD_NO;
  r->nSent = (long long)r->out.n;
  enum MHD_Result rc = MHD_queue_response(r->pConn, (unsigned)r->status, p);
  MHD_destroy_response(p);
  return rc;
}

/* The user of a request before (or without) authentication. */
static const User publicUser = {0, "-", ROLE_PUBLIC, 0, 0};

/* A new Req for connection c. */
static Req *req_new(struct MHD_Connection *c, const char *zUrl, const char *zMethod){
  Req *r = xcalloc(1, sizeof(*r));
  clock_gettime(CLOCK_MONOTONIC, &r->tStart);
  r->pConn = c;
  r->zMethod = zMethod;
  r->zPath = xstrdup(zUrl ? zUrl : "/");
  r->status = 200;
  r->zType = "text/html; charset=utf-8";
  r->pUser = &publicUser;
  r->iCurParam = r->iCurUp = -1;
  snprintf(r->zIp, sizeof(r->zIp), "-");
  const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  if( ci && ci->client_addr ){
    const struct sockaddr *sa = ci->client_addr;
    if( sa->sa_family==AF_INET ){
      inet_ntop(AF_INET, &((const struct sockaddr_in*)sa)->sin_addr, r->zIp, sizeof(r->zIp));
    }else if( sa->sa_family==AF_INET6 ){
      inet_ntop(AF_INET6, &((const struct sockaddr_in6*)sa)->sin6_addr, r->zIp, sizeof(r->zIp));
    }
  }
  return r;
}

/* Free r and all it owns. */
static void req_free(Req *r){
  if( r->pPost ) MHD_destroy_post_processor(r->pPost);
  for(int i=0; i<r->nParam; i++){ free(r->aParam[i].zName); buf_free(&r->aParam[i].val); }
  free(r->aParam);
  for(int i=0; i<r->nUp; i++){
    free(r->aUp[i].zField); free(r->aUp[i].zName); free(r->aUp[i].zType); buf_free(&r->aUp[i].data);
  }
  free(r->aUp);
  for(int i=0; i<r->nHdr; i++){ free(r->aHdr[i].zName); free(r->aHdr[i].zValue); }
  free(r->aHdr);
  buf_free(&r->body);
  buf_free(&r->out);
  session_clear(&r->sess);
  free(r->zPreCsrf);
  free(r->zPath);
  free(r);
}

/* The body limit of a request with content type zType. */
static size_t body_limit(const char *zType){
  if( zType && strncasecmp(zType, "multipart/form-data", 19)==0 ) return g_webMaxUpload + 256*1024;
  return WEB_MAX_FORM;
}

/* MHD's access handler: see the comment at the top of the file. */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *zUrl,
                                  const char *zMethod, const char *zVersion,
                                  const char *aUpload, size_t *pnUpload, void **ppReq){
  Req *r = *ppReq;
  if( r==0 ){
    r = req_new(c, zUrl, zMethod);
    *ppReq = r;
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, query_arg, r);
    /* answer in the next call, not in this one: a response queued in the
    ** first call makes libmicrohttpd close the connection after it */
    if( !unsafe_method(zMethod) ) return MHD_YES;
    const char *zType = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    const char *zLen = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    r->nBodyMax = body_limit(zType);
    if( zLen && strtoull(zLen, 0, 10) > r->nBodyMax ){
      r->bodyState = 1;            /* refuse before reading it */
      dispatch(r);
      return send_answer(r);
    }
    if( zType && (strncasecmp(zType, "multipart/form-data", 19)==0
               || strncasecmp(zType, "application/x-www-form-urlencoded", 33)==0) ){
      r->pPost = MHD_create_post_processor(c, 65536, post_field, r);
      if( r->pPost==0 ) r->bodyState = 2;
    }
    return MHD_YES;
  }
  if( *pnUpload ){
    r->nBody += *pnUpload;
    if( r->bodyState==0 && r->nBody > r->nBodyMax ) r->bodyState = 1;
    if( r->bodyState==0 ){
      if( r->pPost ){
        if( MHD_post_process(r->pPost, aUpload, *pnUpload)!=MHD_YES && r->bodyState==0 ) r->bodyState = 2;
      }else{
        buf_append(&r->body, aUpload, *pnUpload);
      }
    }
    *pnUpload = 0;
    return MHD_YES;
  }
  dispatch(r);
  return send_answer(r);
}

/* Write one line of the request log for r. */
static void log_request(Req *r, enum MHD_RequestTerminationCode why){
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  double ms = (double)(t.tv_sec - r->tStart.tv_sec)*1e3 + (double)(t.tv_nsec - r->tStart.tv_nsec)/1e6;
  time_t now = time(0);
  struct tm tm;
  char zTime[32], zLine[600];
  localtime_r(&now, &tm);
  strftime(zTime, sizeof(zTime), "%Y-%m-%dT%H:%M:%S", &tm);
  const char *zUser = r->pUser && r->pUser->id ? r->pUser->zLogin : "-";
  int n = snprintf(zLine, sizeof(zLine), "%s %s %s %.300s %d %lld %.1fms %s%s\n", zTime, r->zIp,
                   r->zMethod ? r->zMethod : "-", r->zPath, r->status, r->nSent, ms, zUser,
                   why==MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (aborted)");
  if( n>(int)sizeof(zLine)-1 ) n = (int)sizeof(zLine)-1;
  ssize_t w = write(logFd, zLine, (size_t)n);
  (void)w;
}

/* MHD: a request is over (answered or aborted). */
static void on_completed(void *cls, struct MHD_Connection *c, void **ppReq,
                         enum MHD_RequestTerminationCode why){
  Req *r = *ppReq;
  if( r==0 ) return;
  log_request(r, why);
  req_free(r);
  *ppReq = 0;
}

/* MHD's own error messages go to the log. */
static void on_mhd_error(void *cls, const char *zFmt, va_list ap){
  char z[512];
  int n = vsnprintf(z, sizeof(z), zFmt, ap);
  if( n>0 ){
    ssize_t w = write(logFd, z, strlen(z));
    (void)w;
  }
}

/* Parse "HOST:PORT" ("127.0.0.1:8080", "[::1]:8080", ":8080") into *pAddr. */
static int parse_listen(const char *z, struct sockaddr_storage *pAddr, socklen_t *pn, Err *e){
  char zHost[256];
  const char *zPort;
  if( z[0]=='[' ){
    const char *zEnd = strchr(z, ']');
    if( zEnd==0 || zEnd[1]!=':' ) return err_set(e, ERR_INPUT, "--listen %s: want [ADDR]:PORT", z);
    snprintf(zHost, sizeof(zHost), "%.*s", (int)(zEnd - z - 1), z+1);
    zPort = zEnd + 2;
  }else{
    const char *zColon = strrchr(z, ':');
    if( zColon==0 ) return err_set(e, ERR_INPUT, "--listen %s: want HOST:PORT", z);
    snprintf(zHost, sizeof(zHost), "%.*s", (int)(zColon - z), z);
    zPort = zColon + 1;
  }
  int port = atoi(zPort);
  if( port<=0 || port>65535 || strspn(zPort, "0123456789")!=strlen(zPort) ){
    return err_set(e, ERR_INPUT, "--listen %s: bad port", z);
  }
  struct addrinfo hints, *res = 0;
  memset(&hints, 0, sizeof(hints));
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  if( getaddrinfo(zHost[0] ? zHost : 0, zPort, &hints, &res) || res==0 ){
    return err_set(e, ERR_INPUT, "--listen %s: unknown address", z);
  }
  memcpy(pAddr, res->ai_addr, res->ai_addrlen);
  *pn = res->ai_addrlen;
  freeaddrinfo(res);
  return 0;
}

/*
** COMMAND: serve
** Usage: luoshi serve [--db FILE] [--listen HOST:PORT] [OPTIONS]
**
** Serve the ledger on the web: the public pages (every commitment, its
** status and history, open data, an Atom feed), the units' workspace, the
** supervision dashboard and the JSON API /api/v1, from this one process.
** Logs one line per request; stops cleanly on SIGTERM or SIGINT.
**
** Options:
**   --db FILE            the ledger (default $LUOSHI_DB, else ./luoshi.db)
**   --listen HOST:PORT   address to listen on (default 127.0.0.1:8080)
**   --threads N          worker threads (default: the number of CPUs)
**   --max-upload MB      largest evidence upload (default 10)
**   --log FILE           request log (default: standard error)
**   --tls-cert FILE --tls-key FILE   serve HTTPS (cookies become Secure)
**   --no-remind          do not run the reminder schedule (luoshi remind)
**                        that the server otherwise runs every
**                        remind_every_minutes in a thread of its own
*/
int cmd_serve(int argc, char **argv){
  const char *zDb = find_option(&argc, argv, "--db", 1);
  const char *zListen = find_option(&argc, argv, "--listen", 1);
  const char *zThreads = find_option(&argc, argv, "--threads", 1);
  const char *zMaxUp = find_option(&argc, argv, "--max-upload", 1);
  const char *zLog = find_option(&argc, argv, "--log", 1);
  const char *zCert = find_option(&argc, argv, "--tls-cert", 1);
  const char *zKey = find_option(&argc, argv, "--tls-key", 1);
  int bNoRemind = find_option(&argc, argv, "--no-remind", 0)!=0;
  Err e = {0};
  if( verify_all_options(argc, argv, &e) || argc!=1 ){
    if( e.code ) fprintf(stderr, "luoshi: %s\n", e.zMsg);
    fprintf(stderr, "Usage: luoshi serve [--db FILE] [--listen HOST:PORT] [--threads N] "
                    "[--max-upload MB] [--log FILE] [--tls-cert FILE --tls-key FILE] [--no-remind]\n");
    return 2;
  }
  if( zDb==0 ) zDb = getenv("LUOSHI_DB");
  if( zDb==0 || zDb[0]==0 ) zDb = "luoshi.db";
  if( zListen==0 ) zListen = "127.0.0.1:8080";
  long nCpu = sysconf(_SC_NPROCESSORS_ONLN);
  int nThread = zThreads ? atoi(zThreads) : (nCpu>0 ? (int)nCpu : 2);
  if( nThread<1 || nThread>256 ){
    fprintf(stderr, "luoshi: --threads %s: want 1 to 256\n", zThreads);
    return 1;
  }
  if( zMaxUp ){
    int mb = atoi(zMaxUp);
    if( mb<1 || mb>20 ){ fprintf(stderr, "luoshi: --max-upload %s: want 1 to 20 (MB)\n", zMaxUp); return 1; }
    g_webMaxUpload = (size_t)mb*1024*1024;
  }
  if( (zCert==0) != (zKey==0) ){
    fprintf(stderr, "luoshi: --tls-cert and --tls-key go together\n");
    return 1;
  }
  struct sockaddr_storage addr;
  socklen_t nAddr = 0;
  if( parse_listen(zListen, &addr, &nAddr, &e) ){
    fprintf(stderr, "luoshi: %s\n", e.zMsg);
    return 1;
  }
  today();           /* settle $LUOSHI_TODAY before the threads start */
  /* open the ledger once here, so that a bad file fails at once */
  zServeDb = zDb;
  Ledger *L0;
  if( ledger_open(zDb, &L0, &e) ){
    fprintf(stderr, "luoshi: %s\n", e.zMsg);
    return 1;
  }
  ledger_close(L0);
  char *zCertPem = 0, *zKeyPem = 0;
  size_t nPem;
  if( zCert && (read_file(zCert, &zCertPem, &nPem, &e) || read_file(zKey, &zKeyPem, &nPem, &e)) ){
    fprintf(stderr, "luoshi: %s\n", e.zMsg);
    free(zCertPem);
    return 1;
  }
  if( zLog ){
    logFd = open(zLog, O_WRONLY|O_CREAT|O_APPEND|O_CLOEXEC, 0644);
    if( logFd<0 ){
      fprintf(stderr, "luoshi: --log %s: %s\n", zLog, strerror(errno));
      free(zCertPem); free(zKeyPem);
      return 1;
    }
  }
  /* the signals are taken by sigwait() below, in this thread only */
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGINT);
  sigaddset(&sigs, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &sigs, 0);
  signal(SIGPIPE, SIG_IGN);
  g_webTls = zCert!=0;
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_USE_TURBO;
  if( addr.ss_family==AF_INET6 ) flags |= MHD_USE_IPv6;
  if( g_webTls ) flags |= MHD_USE_TLS;
  /* the TLS options, when serving HTTPS, go in through MHD_OPTION_ARRAY
  ** so that the daemon is started in one place */
  struct MHD_OptionItem aTls[] = {
    { MHD_OPTION_HTTPS_MEM_CERT, 0, (void*)zCertPem },
    { MHD_OPTION_HTTPS_MEM_KEY, 0, (void*)zKeyPem },
    { MHD_OPTION_END, 0, 0 },
  };
  if( !g_webTls ) aTls[0].option = MHD_OPTION_END;
  struct MHD_Daemon *d = MHD_start_daemon(flags, 0, 0, 0, on_request, 0,
          MHD_OPTION_EXTERNAL_LOGGER, on_mhd_error, (void*)0,
          MHD_OPTION_SOCK_ADDR, (struct sockaddr*)&addr,
          MHD_OPTION_THREAD_POOL_SIZE, (unsigned)nThread,
          MHD_OPTION_NOTIFY_COMPLETED, on_completed, (void*)0,
          MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
          MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64*1024,
          MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
          MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1,
          MHD_OPTION_ARRAY, aTls,
          MHD_OPTION_END);
  if( d==0 ){
    fprintf(stderr, "luoshi: cannot listen on %s: %s\n", zListen, strerror(errno));
    free(zCertPem); free(zKeyPem);
    if( zLog ) close(logFd);
    return 1;
  }
  RemindSchedule *pRemind = 0;
  if( !bNoRemind && remind_schedule_start(zDb, &pRemind, &e) ){
    fprintf(stderr, "luoshi: no reminders: %s\n", e.zMsg);
  }
  fprintf(stderr, "luoshi: serving %s at %s://%s/ with %d threads%s (stop with Ctrl-C)\n",
          zDb, g_webTls ? "https" : "http", zListen, nThread, pRemind ? " and the reminder schedule" : "");
  int sig = 0;
  sigwait(&sigs, &sig);
  fprintf(stderr, "luoshi: %s received, stopping\n", sig==SIGTERM ? "SIGTERM" : "SIGINT");
  MHD_stop_daemon(d);
  remind_schedule_stop(pRemind);
  cache_clear();
  close_all_ledgers();
  free(zCertPem);
  free(zKeyPem);
  if( zLog ) close(logFd);
  logFd = 2;
  fprintf(stderr, "luoshi: stopped\n");
  return 0;
}
