/*
** web.h -- what the web pages (web_*.c) and the JSON API (api.c) share:
** the request being answered, its parameters and uploads, and the few ways
** to answer it.  serve.c owns the HTTP server (libmicrohttpd) and fills a
** Req for every request; a page is one function  void page_NAME(Req *r)
** preceded by a "** WEBPAGE: /path" comment, listed in serve.c's route
** table.
**
** Rules every handler keeps:
**   - it reads and writes the ledger only through ledger.h (and the few
**     additions in ledger_web.h / session.h), acting as r->pUser: the
**     ledger decides who may do what (auth_can) and every colour;
**   - it writes HTML only with html_printf() (escapes %s) and JSON only
**     with jansson;
**   - a failure is an Err (util.h): web_error() renders it as a page with
**     the HTTP status e.code, api_error() as {"error":{code,message}}.
** CSRF tokens are checked in one place (serve.c) before any POST handler
** runs; a form only has to include web_csrf_field().
*/
#ifndef LUOSHI_WEB_H
#define LUOSHI_WEB_H
#include "buf.h"
#include "html.h"
#include "ledger.h"
#include "session.h"
#include <jansson.h>
#include <time.h>

/* Upper limits on what a client may send. */
#define WEB_MAX_FORM     (256*1024)        /* a form or JSON body without files */
#define WEB_MAX_FIELDS   512               /* fields in one request */
#define WEB_MAX_UPLOADS  8                 /* files in one request */

/* One query or form field (both go into the same list). */
typedef struct Param Param;
struct Param {
  char *zName;         /* field name */
  Buf val;             /* its value (NUL-terminated once set) */
  int fromForm;        /* 1: from the body, 0: from the query string */
};

/* One uploaded file of a multipart form. */
typedef struct Upload Upload;
struct Upload {
  char *zField;        /* form field name */
  char *zName;         /* file name as the client sent it (untrusted) */
  char *zType;         /* content type as the client sent it (untrusted) */
  Buf data;            /* the bytes */
};

/* One extra response header. */
typedef struct Header Header;
struct Header {
  char *zName;
  char *zValue;
};

typedef struct Req Req;
struct Req {
  /* the request */
  struct MHD_Connection *pConn;
  const char *zMethod;   /* "GET", "POST", ... (owned by the server) */
  char *zPath;           /* URL path, percent-decoded */
  char zIp[48];          /* client address */
  struct timespec tStart;/* when the request arrived */
  Ledger *L;             /* this thread's ledger, acting as pUser */
  const User *pUser;     /* ledger_user(L): the public unless logged in */
  Session sess;          /* the login session (sess.zId "" when none) */
  int viaToken;          /* 1: authenticated by a bearer token */
  int isApi;             /* 1: under /api/: errors are JSON */
  char *zPreCsrf;        /* the anonymous form token (login form), or NULL */
  Param *aParam; int nParam; int nParamAlloc;
  Upload *aUp; int nUp; int nUpAlloc;
  Buf body;              /* raw body when not a form (the JSON API) */
  /* the response */
  int status;            /* HTTP status, 200 unless changed */
  const char *zType;     /* content type (static string) */
  Buf out;               /* the body */
  Header *aHdr; int nHdr; int nHdrAlloc;
  int noStore;           /* 1: Cache-Control: no-store (pages with a user) */
  struct MHD_Response *pReady; /* a prepared response to send instead of out */
  /* bookkeeping of serve.c */
  void *pPost;           /* MHD_PostProcessor while reading a form */
  int bodyState;         /* 0 reading, 1 too big, 2 malformed */
  size_t nBody;          /* bytes of body seen */
  size_t nBodyMax;       /* the limit for this request */
  int iCurParam;         /* the form field being filled, -1 none */
  int iCurUp;            /* the upload being filled, -1 none */
  long long nSent;       /* bytes of response body, for the log */
};

/* ---- parameters ---- */
/* The value of field zName (query or form), NULL when absent. */
const char *P(Req *r, const char *zName);
/* The value of form field zName (body only), NULL when absent. */
const char *PF(Req *r, const char *zName);
/* Field zName as a whole number >= 0, dflt when absent or not one. */
int PI(Req *r, const char *zName, int dflt);
/* The uploads of field zName, in order: the index of the k-th, or -1. */
int web_upload(Req *r, const char *zField, int k);
/* The number after zPrefix in the path ("/task/12" -> 12), 0 when none. */
int path_id(Req *r, const char *zPrefix);

/* ---- answering ---- */
/* Add a response header (copied). */
void web_header(Req *r, const char *zName, const char *zValue);
/* 303 See Other to zUrl (a local path). */
void web_redirect(Req *r, const char *zUrl);
/* 303 to zPath (may have a query and a #fragment) with the flash message zMsg (see web_flash). */
void web_redirect_msg(Req *r, const char *zPath, const char *zMsg);
/* Send login page redirect for a page that needs a user. */
void web_need_login(Req *r);
/* Render e as an HTML page (or JSON under /api/) with status e->code. */
void web_error(Req *r, const Err *e);
/* web_error() with a formatted message and status code. */
void web_fail(Req *r, int code, const char *zFmt, ...) __attribute__((format(printf, 3, 4)));
/* The page head (title, nav) and foot around r->out. */
void page_begin(Req *r, const char *zTitle);
void page_end(Req *r);
/* A hidden input carrying the form token of this visitor. */
void web_csrf_field(Req *r);
/* The form token of this visitor (creating the anonymous one, with its
** cookie, when the visitor has no session). */
const char *web_csrf_token(Req *r);
/* Set a cookie with the attributes of this server (HttpOnly, SameSite=
** Strict, Path=/, Secure over TLS); maxAge<0: a session cookie, 0: delete. */
void web_cookie(Req *r, const char *zName, const char *zValue, int maxAge);
/* A flash message carried over a redirect in the query (?msg=...). */
void web_flash(Req *r);
/* The Host the client addressed, if it looks like a host name (else
** "localhost"); static or owned by the connection. */
const char *web_host(Req *r);

/* ---- access and navigation (web_admin.c, web_unit.c, web_docs.c) ---- */
/* True when the acting user may see the dashboard (ACT_SUPERVISE); else
** answers r (the login page, or 403) and returns 0. */
int need_staff(Req *r);
/* True when the acting user is a unit user; else answers r and returns 0. */
int need_unit(Req *r);
/* The dashboard's sub-navigation, zHere the page shown (not a link). */
void admin_nav(Req *r, const char *zHere);
/* The unit workspace's sub-navigation, zHere the page shown. */
void my_nav(Req *r, const char *zHere);
/* The progress sheet's forms on /my: download for a month of
** aMonth[0..nMonth) (zSel selected; no download form when nMonth is 0)
** and upload. */
void sheet_forms(Req *r, char (*aMonth)[8], int nMonth, const char *zSel);
/* The months a progress sheet may be asked for on plan pl, oldest first
** (from the month reporting began to the current one, within the plan
** year), into a[12]; returns how many. */
int sheet_months(const Plan *pl, char (*a)[8]);

/* ---- accounts (web_people.c) ---- */
/* What is wrong with a new password zPw typed again as zPw2, in Chinese
** (static, or written into zBuf[nBuf]); NULL when nothing is.  The length
** rule is auth.h's. */
const char *web_new_password_problem(const char *zPw, const char *zPw2, char *zBuf, size_t nBuf);

/* ---- formatting helpers (web_util.c) ---- */
/* A number as people write it: 133, 1.5, 12000 (no trailing zeros). */
void web_num(Buf *p, double v);
/* A number with 万 or 亿 when large and exact (900亿, 1.68万), so that
** web_parse_amount() reads it back to the same value. */
void web_amount(Buf *p, double v);
/* z with a trailing 万 or 亿 multiplied out into zOut[64] ("900亿" ->
** "90000000000"); z itself when it has none or is not a number. */
const char *web_parse_amount(const char *z, char zOut[64]);
/* "绿" "黄" "红" "已销号" as a coloured badge. */
void web_badge(Buf *p, Colour c);
/* The CSS class of a colour: "g" "y" "r" "d". */
const char *colour_class(Colour c);
/* "2026-06-30" -> "2026年6月30日" into z[32]. */
void web_date_cn(const char *zDate, char z[32]);
/* Comparison as words: ">=" -> "不低于" (static). */
const char *cmp_label(const char *zCmp);
/* The role in Chinese (static). */
const char *role_label(Role r);
/* State of a task in Chinese (static): 草稿 已发布 已销号 已撤销. */
const char *task_state_label(const char *zState);
/* The fields a person changed ("lead,co") in Chinese ("牵头单位、责任单位"). */
void edited_label(Buf *p, const char *zEdited);
/* State of a report in Chinese (static). */
const char *report_state_label(int state);
/* 1 when the acting user works for the supervision office or leads:
** may see the dashboard (asks auth_can). */
int web_is_staff(Req *r);

/* ---- the server's shared state ---- */
/* Who runs on TLS (cookies get Secure). */
extern int g_webTls;
/* Largest upload in bytes. */
extern size_t g_webMaxUpload;
/* Bump after a write so that cached pages are rebuilt. */
void web_invalidate(void);

/* ---- pages (web_public.c, web_unit.c, web_admin.c, web_docs.c) and the API ---- */
void page_home(Req *r);
void page_tasks(Req *r);
void page_task(Req *r);
void page_units(Req *r);
void page_unit(Req *r);
void page_data(Req *r);
void page_data_csv(Req *r);
void page_data_json(Req *r);
void page_feed(Req *r);
void page_evidence(Req *r);
void page_login(Req *r);
void page_login_post(Req *r);
void page_logout(Req *r);
void page_my(Req *r);
void page_report_form(Req *r);
void page_report_post(Req *r);
void page_admin(Req *r);
void page_admin_plans(Req *r);
void page_admin_import(Req *r);
void page_admin_publish(Req *r);
void page_admin_decompose(Req *r);
void page_admin_task_edit(Req *r);
void page_admin_target(Req *r);
void page_admin_queue(Req *r);
void page_admin_review(Req *r);
void page_admin_close(Req *r);
void page_admin_units(Req *r);
void page_admin_brief(Req *r);
void page_admin_brief_docx(Req *r);
void page_admin_brief_html(Req *r);
void page_admin_reminders(Req *r);
void page_admin_remind_check(Req *r);
void page_my_sheet(Req *r);
void page_my_sheet_post(Req *r);
void page_my_reminders(Req *r);
void page_gongwen_css(Req *r);
void page_admin_people(Req *r);
void page_admin_people_user(Req *r);
void page_admin_people_password(Req *r);
void page_admin_people_unit_add(Req *r);
void page_admin_people_unit_edit(Req *r);
void page_my_password(Req *r);
void page_my_password_post(Req *r);
void api_dispatch(Req *r);
/* Put {"error":{"code":code,"message":zMsg}} in r's response. */
void api_error_body(Req *r, int code, const char *zMsg);
/* JSON of a task (targets, units, status; with the latest accepted value
** of each target when its reports aRep[0..nRep) are given). */
json_t *api_task_json(const Task *t, const Report *aRep, int nRep);
/* JSON of a plan (without its source text). */
json_t *api_plan_json(const Plan *p);

/* SVG charts (svg.c), drawn into p with html_printf. */
/* A stacked bar of the colour counts n[N_COLOUR] (total nTotal), w x h. */
void svg_colour_bar(Buf *p, const int *n, int nTotal, int w, int h);
/* A progress bar: actual (filled) against expected (a tick), 0..100;
** actual < 0 draws no fill. */
void svg_progress(Buf *p, double actual, double expected, Colour c, int w, int h);
/* A small line chart of values v[0..n) over labels az[0..n) with a target
** line at target (no line when target<=0). */
void svg_history(Buf *p, const double *v, const char *const *az, int n, double target,
                 const char *zUnit, int w, int h);

/* The stylesheet (web_css.c). */
extern const char zWebCss[];

#endif
