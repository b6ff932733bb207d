/*
** channel.c -- where reminders go (see remind.h "channels"): DingTalk and
** WeCom group robots, a generic JSON webhook, and e-mail over SMTP, all
** through libcurl with short timeouts (connect 3 s, total 10 s), so that
** one dead host never blocks a run.
**
**   dingtalk  POST {"msgtype":"markdown","markdown":{"title":..,"text":..}}
**             to https://oapi.dingtalk.com/robot/send?access_token=...;
**             with a secret (加签) the URL gets &timestamp=MS&sign=SIG,
**             SIG = urlencode(base64(HMAC-SHA256(secret, "MS\nsecret")));
**             delivered when the answer is {"errcode":0,...}
**   wecom     POST {"msgtype":"markdown","markdown":{"content":..}} to
**             https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...;
**             delivered when errcode is 0
**   webhook   POST a JSON object (source, title, text, markdown, step,
**             recipient, items with their cause keys); delivered on 2xx
**   email     SMTP (smtp:// with STARTTLS when offered, or smtps://) to the
**             server of remind_smtp_url: a text/plain UTF-8 message,
**             base64 body, subject and sender name encoded as RFC 2047
*/
#include "remind.h"
#include "buf.h"
#include <curl/curl.h>
#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

/* Timeouts of every transfer, in milliseconds. */
#define CONNECT_TIMEOUT_MS 3000L
#define TOTAL_TIMEOUT_MS   10000L
/* The most of an answer kept. */
#define MAX_ANSWER 4096

static const char *const azKind[] = {"dingtalk", "wecom", "webhook", "email", 0};

/* See remind.h. */
int channel_kind_known(const char *z){
  for(int i=0; z && azKind[i]; i++) if( strcmp(z, azKind[i])==0 ) return 1;
  return 0;
}

static pthread_once_t curlOnce = PTHREAD_ONCE_INIT;
static void curl_init_once(void){
  curl_global_init(CURL_GLOBAL_DEFAULT);
  if( sodium_init()<0 ) fatal("libsodium cannot start");
}

/* See remind.h. */
void channel_global_init(void){
  pthread_once(&curlOnce, curl_init_once);
}

/* ---- checking addresses ---- */

/* True when the query of URL handle h has parameter zName (non-empty). */
static int url_has_param(CURLU *h, const char *zName){
  char *zQuery = 0;
  int found = 0;
  if( curl_url_get(h, CURLUPART_QUERY, &zQuery, 0)==CURLUE_OK && zQuery ){
    size_t n = strlen(zName);
    for(const char *z=zQuery; z && *z; ){
      if( strncmp(z, zName, n)==0 && z[n]=='=' && z[n+1] && z[n+1]!='&' ) found = 1;
      z = strchr(z, '&');
      if( z ) z++;
    }
  }
  curl_free(zQuery);
  return found;
}

/* Check an HTTP(S) URL zUrl of a channel of kind zKind. */
static int check_url(const char *zKind, const char *zUrl, Err *e){
  CURLU *h = curl_url();
  char *zScheme = 0, *zHost = 0;
  int rc = 0;
  if( h==0 ) fatal("out of memory");
  CURLUcode uc = curl_url_set(h, CURLUPART_URL, zUrl, 0);
  if( uc!=CURLUE_OK ){
    rc = err_set(e, ERR_INPUT, "%s URL \"%s\" is malformed: %s", zKind, zUrl, curl_url_strerror(uc));
  }else if( curl_url_get(h, CURLUPART_SCHEME, &zScheme, 0)!=CURLUE_OK
         || (strcmp(zScheme, "http")!=0 && strcmp(zScheme, "https")!=0) ){
    rc = err_set(e, ERR_INPUT, "%s URL \"%s\" is malformed: want http:// or https://", zKind, zUrl);
  }else if( curl_url_get(h, CURLUPART_HOST, &zHost, 0)!=CURLUE_OK || zHost[0]==0 ){
    rc = err_set(e, ERR_INPUT, "%s URL \"%s\" is malformed: no host", zKind, zUrl);
  }else if( strcmp(zKind, "dingtalk")==0 && !url_has_param(h, "access_token") ){
    rc = err_set(e, ERR_INPUT, "dingtalk URL \"%s\" is malformed: it has no access_token= "
                 "(copy the robot's whole webhook address)", zUrl);
  }else if( strcmp(zKind, "wecom")==0 && !url_has_param(h, "key") ){
    rc = err_set(e, ERR_INPUT, "wecom URL \"%s\" is malformed: it has no key= "
                 "(copy the robot's whole webhook address)", zUrl);
  }
  curl_free(zScheme);
  curl_free(zHost);
  curl_url_cleanup(h);
  return rc;
}

/* True when z is a plain e-mail address: local@domain, no spaces, no
** brackets or quotes, a dot in the domain. */
static int email_ok(const char *z){
  const char *zAt = strchr(z, '@');
  if( zAt==0 || zAt==z || strchr(zAt+1, '@') ) return 0;
  if( strchr(zAt+1, '.')==0 || zAt[1]=='.' || z[strlen(z)-1]=='.' ) return 0;
  for(const char *c=z; *c; c++){
    if( (unsigned char)*c<=' ' || strchr("<>()[]\\,;:\"", *c) ) return 0;
  }
  return 1;
}

/* See remind.h. */
int channel_validate(const char *zKind, const char *zTo, const char *zSecret, Err *e){
  if( !channel_kind_known(zKind) ){
    return err_set(e, ERR_INPUT, "unknown channel kind \"%s\" (known: dingtalk, wecom, webhook, email)",
                   zKind ? zKind : "");
  }
  if( zTo==0 || zTo[0]==0 ) return err_set(e, ERR_INPUT, "a %s channel needs an address (--to)", zKind);
  if( zSecret && zSecret[0] && strcmp(zKind, "dingtalk")!=0 ){
    return err_set(e, ERR_INPUT, "--secret is for dingtalk robots, not for %s", zKind);
  }
  if( strcmp(zKind, "email")==0 ){
    if( !email_ok(zTo) ) return err_set(e, ERR_INPUT, "email address \"%s\" is malformed: want name@domain", zTo);
    return 0;
  }
  return check_url(zKind, zTo, e);
}

/* ---- message bodies ---- */

/* j as compact JSON text (caller frees); steals j. */
static char *json_text(json_t *j){
  char *z = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(j);
  if( z==0 ) fatal("out of memory (JSON)");
  char *zOut = xstrdup(z);
  free(z);
  return zOut;
}

/* A JSON string of z ("" for NULL or text that is not UTF-8). */
static json_t *jstr(const char *z){
  json_t *j = z ? json_string(z) : 0;
  return j ? j : json_string("");
}

/* See remind.h. */
char *channel_dingtalk_body(const ChannelMsg *m){
  return json_text(json_pack("{s:s, s:{s:o, s:o}}", "msgtype", "markdown", "markdown",
                             "title", jstr(m->zTitle), "text", jstr(m->zMarkdown)));
}

/* See remind.h. */
char *channel_wecom_body(const ChannelMsg *m){
  return json_text(json_pack("{s:s, s:{s:o}}", "msgtype", "markdown", "markdown",
                             "content", jstr(m->zMarkdown)));
}

/* See remind.h. */
char *channel_webhook_body(const ChannelMsg *m, const Channel *c){
  json_t *aItem = json_array();
  for(int i=0; i<m->nItem; i++){
    const RemindItem *it = &m->aItem[i];
    json_array_append_new(aItem, json_pack("{s:o, s:o, s:o, s:o, s:o}",
      "cause", jstr(m->azCause ? m->azCause[i] : 0), "kind", jstr(it->zKind),
      "who", jstr(it->zWho), "what", jstr(it->zWhat),
      "link", it->zLink ? jstr(it->zLink) : json_null()));
  }
  json_t *pTo = json_pack("{s:i, s:o, s:o}", "channel", c ? c->id : 0,
                          "unit", c && c->zUnit ? jstr(c->zUnit) : json_null(),
                          "role", jstr(c ? c->zRole : 0));
  return json_text(json_pack("{s:s, s:o, s:o, s:o, s:i, s:o, s:o}", "source", "luoshi",
                             "title", jstr(m->zTitle), "text", jstr(m->zText),
                             "markdown", jstr(m->zMarkdown), "step", m->step,
                             "recipient", pTo, "items", aItem));
}

/* Percent-encode z for a URL query value into b. */
static void url_escape(Buf *b, const char *z){
  static const char hex[] = "0123456789ABCDEF";
  for(const unsigned char *c=(const unsigned char*)z; *c; c++){
    if( (*c>='A' && *c<='Z') || (*c>='a' && *c<='z') || (*c>='0' && *c<='9') || strchr("-_.~", *c) ){
      buf_putc(b, *c);
    }else{
      buf_putc(b, '%');
      buf_putc(b, hex[*c>>4]);
      buf_putc(b, hex[*c&15]);
    }
  }
}

/* See remind.h. */
char *channel_dingtalk_signed_url(const char *zUrl, const char *zSecret, long long ms){
  channel_global_init();
  char zTs[32];
  snprintf(zTs, sizeof(zTs), "%lld", ms);
  char *zToSign = xprintf("%s\n%s", zTs, zSecret);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, (const unsigned char*)zSecret, strlen(zSecret));
  crypto_auth_hmacsha256_update(&st, (const unsigned char*)zToSign, strlen(zToSign));
  crypto_auth_hmacsha256_final(&st, mac);
  free(zToSign);
  char zB64[sodium_base64_ENCODED_LEN(sizeof(mac), sodium_base64_VARIANT_ORIGINAL)];
  sodium_bin2base64(zB64, sizeof(zB64), mac, sizeof(mac), sodium_base64_VARIANT_ORIGINAL);
  Buf b = BUF_INIT;
  buf_puts(&b, zUrl);
  buf_puts(&b, strchr(zUrl, '?') ? "&" : "?");
  buf_printf(&b, "timestamp=%s&sign=", zTs);
  url_escape(&b, zB64);
  return buf_detach(&b);
}

/* ---- MIME ---- */

/* Append the base64 of a[0..n) to b. */
static void put_base64(Buf *b, const void *a, size_t n){
  size_t nOut = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
  char *z = xmalloc(nOut);
  sodium_bin2base64(z, nOut, a, n, sodium_base64_VARIANT_ORIGINAL);
  buf_puts(b, z);
  free(z);
}

/* True when z is printable ASCII only. */
static int plain_ascii(const char *z){
  for(; *z; z++) if( (unsigned char)*z<0x20 || (unsigned char)*z>0x7e ) return 0;
  return 1;
}

/* See remind.h.  Each word holds at most 45 bytes (60 base64 characters,
** a word of 72), cut before a UTF-8 continuation byte. */
char *mime_header_encode(const char *z){
  channel_global_init();
  if( plain_ascii(z) ) return xstrdup(z);
  Buf b = BUF_INIT;
  size_t n = strlen(z), i = 0;
  while( i<n ){
    size_t k = n - i > 45 ? 45 : n - i;
    while( k>0 && i+k<n && ((unsigned char)z[i+k] & 0xC0)==0x80 ) k--;
    if( k==0 ) k = n - i > 45 ? 45 : n - i;   /* not UTF-8: cut anywhere */
    if( b.n ) buf_puts(&b, "\r\n ");
    buf_puts(&b, "=?UTF-8?B?");
    put_base64(&b, z+i, k);
    buf_puts(&b, "?=");
    i += k;
  }
  return buf_detach(&b);
}

/* The address part of "Name <addr>" (or the whole of z) into a new string. */
static char *mail_addr(const char *z){
  const char *zLt = strrchr(z, '<');
  const char *zGt = zLt ? strchr(zLt, '>') : 0;
  if( zLt && zGt ) return xstrndup(zLt+1, (size_t)(zGt - zLt - 1));
  while( *z==' ' ) z++;
  size_t n = strlen(z);
  while( n>0 && z[n-1]==' ' ) n--;
  return xstrndup(z, n);
}

/* The name part of "Name <addr>" (new string), or NULL. */
static char *mail_name(const char *z){
  const char *zLt = strrchr(z, '<');
  if( zLt==0 ) return 0;
  while( *z==' ' || *z=='"' ) z++;
  size_t n = (size_t)(zLt - z);
  while( n>0 && (z[n-1]==' ' || z[n-1]=='"') ) n--;
  return n ? xstrndup(z, n) : 0;
}

/* See remind.h. */
char *mime_message(const char *zFrom, const char *zTo, const char *zSubject,
                   const char *zBody, const char *zDate, const char *zMessageId){
  Buf b = BUF_INIT;
  char *zName = mail_name(zFrom), *zAddr = mail_addr(zFrom);
  if( zName ){
    char *zEnc = mime_header_encode(zName);
    buf_printf(&b, "From: %s <%s>\r\n", zEnc, zAddr);
    free(zEnc);
  }else{
    buf_printf(&b, "From: <%s>\r\n", zAddr);
  }
  char *zToAddr = mail_addr(zTo);
  buf_printf(&b, "To: <%s>\r\n", zToAddr);
  char *zSubj = mime_header_encode(zSubject);
  buf_printf(&b, "Subject: %s\r\n", zSubj);
  buf_printf(&b, "Date: %s\r\nMessage-ID: <%s>\r\n", zDate, zMessageId);
  buf_puts(&b, "MIME-Version: 1.0\r\n"
               "Content-Type: text/plain; charset=UTF-8\r\n"
               "Content-Transfer-Encoding: base64\r\n"
               "\r\n");
  /* the body: LF to CRLF, then base64 in lines of 76 */
  Buf body = BUF_INIT;
  for(const char *c=zBody; *c; c++){
    if( *c=='\n' && (c==zBody || c[-1]!='\r') ) buf_putc(&body, '\r');
    buf_putc(&body, *c);
  }
  Buf enc = BUF_INIT;
  put_base64(&enc, body.a ? body.a : "", body.n);
  for(size_t i=0; i<enc.n; i+=76){
    buf_append(&b, enc.a+i, enc.n-i > 76 ? 76 : enc.n-i);
    buf_puts(&b, "\r\n");
  }
  buf_free(&enc);
  buf_free(&body);
  free(zName); free(zAddr); free(zToAddr); free(zSubj);
  return buf_detach(&b);
}

/* ---- transfers ---- */

/* The answer of a transfer, kept up to MAX_ANSWER bytes. */
static size_t on_write(char *a, size_t sz, size_t n, void *pArg){
  Buf *b = pArg;
  size_t nByte = sz*n;
  if( b->n < MAX_ANSWER ) buf_append(b, a, nByte < MAX_ANSWER - b->n ? nByte : MAX_ANSWER - b->n);
  return nByte;
}

/* The upload of an SMTP message. */
typedef struct Upload Upload;
struct Upload {
  const char *z;       /* the message */
  size_t n, i;         /* its size, bytes sent */
};
static size_t on_read(char *a, size_t sz, size_t n, void *pArg){
  Upload *u = pArg;
  size_t k = sz*n;
  if( k > u->n - u->i ) k = u->n - u->i;
  memcpy(a, u->z + u->i, k);
  u->i += k;
  return k;
}

/* A new easy handle with the common options. */
static CURL *easy_new(const char *zUrl, Buf *pAnswer, char *zErr){
  channel_global_init();
  CURL *h = curl_easy_init();
  if( h==0 ) fatal("out of memory (curl)");
  curl_easy_setopt(h, CURLOPT_URL, zUrl);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, CONNECT_TIMEOUT_MS);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, TOTAL_TIMEOUT_MS);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, zErr);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "luoshi/" LUOSHI_VERSION);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https,smtp,smtps");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  if( pAnswer ){
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, pAnswer);
  }
  zErr[0] = 0;
  return h;
}

/* The error of a failed transfer as text (caller frees). */
static char *curl_failure(CURLcode rc, const char *zErr){
  return xprintf("%s", zErr[0] ? zErr : curl_easy_strerror(rc));
}

/* POST the JSON zBody to zUrl; bRobot: the answer must be errcode 0. */
static int post_json(const char *zUrl, const char *zBody, int bRobot, char **pzResult){
  Buf answer = BUF_INIT;
  char zErr[CURL_ERROR_SIZE];
  CURL *h = easy_new(zUrl, &answer, zErr);
  struct curl_slist *pHdr = curl_slist_append(0, "Content-Type: application/json; charset=utf-8");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, pHdr);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, zBody);
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)strlen(zBody));
  CURLcode rc = curl_easy_perform(h);
  int bad = 1;
  if( rc!=CURLE_OK ){
    *pzResult = curl_failure(rc, zErr);
  }else{
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if( status<200 || status>299 ){
      *pzResult = xprintf("HTTP %ld%s%.200s", status, answer.n ? ": " : "", answer.n ? answer.a : "");
    }else if( !bRobot ){
      *pzResult = xprintf("HTTP %ld", status);
      bad = 0;
    }else{
      json_t *j = json_loadb(answer.a ? answer.a : "", answer.n, 0, 0);
      json_t *pCode = j ? json_object_get(j, "errcode") : 0;
      const char *zMsg = j ? json_string_value(json_object_get(j, "errmsg")) : 0;
      if( !json_is_integer(pCode) ){
        *pzResult = xprintf("HTTP %ld, answer without errcode: %.200s", status, answer.n ? answer.a : "(empty)");
      }else if( json_integer_value(pCode)!=0 ){
        *pzResult = xprintf("HTTP %ld errcode %lld: %s", status, (long long)json_integer_value(pCode),
                            zMsg ? zMsg : "");
      }else{
        *pzResult = xprintf("HTTP %ld errcode 0", status);
        bad = 0;
      }
      json_decref(j);
    }
  }
  curl_slist_free_all(pHdr);
  curl_easy_cleanup(h);
  buf_free(&answer);
  return bad;
}

/* The current time in milliseconds since 1970 (the real clock). */
static long long now_ms(void){
  struct timeval tv;
  gettimeofday(&tv, 0);
  return (long long)tv.tv_sec*1000 + tv.tv_usec/1000;
}

/* RFC 5322 date of the real clock into z[64]. */
static void mail_date(char z[64]){
  time_t t = time(0);
  struct tm tm;
  localtime_r(&t, &tm);
  strftime(z, 64, "%a, %d %b %Y %H:%M:%S %z", &tm);
}

/* Set the SMTP options common to a send and a probe. */
static void smtp_options(CURL *h, const ChannelEnv *env){
  if( strncmp(env->zSmtpUrl, "smtp://", 7)==0 ) curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
  if( env->zSmtpUser && env->zSmtpUser[0] ){
    curl_easy_setopt(h, CURLOPT_USERNAME, env->zSmtpUser);
    curl_easy_setopt(h, CURLOPT_PASSWORD, env->zSmtpPassword ? env->zSmtpPassword : "");
  }
}

/* Check the settings an e-mail needs: ERR_INPUT naming the setting. */
static int check_smtp_env(const ChannelEnv *env, Err *e){
  if( env->zSmtpUrl==0 || env->zSmtpUrl[0]==0 ){
    return err_set(e, ERR_INPUT, "remind_smtp_url is not set (luoshi remind set remind_smtp_url smtp://HOST:PORT)");
  }
  if( strncmp(env->zSmtpUrl, "smtp://", 7)!=0 && strncmp(env->zSmtpUrl, "smtps://", 8)!=0 ){
    return err_set(e, ERR_INPUT, "remind_smtp_url \"%s\" is malformed: want smtp://HOST:PORT or smtps://HOST:PORT",
                   env->zSmtpUrl);
  }
  char *zAddr = env->zMailFrom ? mail_addr(env->zMailFrom) : 0;
  int ok = zAddr && email_ok(zAddr);
  free(zAddr);
  if( !ok ){
    return err_set(e, ERR_INPUT, "remind_mail_from \"%s\" is not an address (want: 督查室 <name@domain>)",
                   env->zMailFrom ? env->zMailFrom : "");
  }
  return 0;
}

/* Send m to the e-mail address of c. */
static int send_mail(const Channel *c, const ChannelMsg *m, const ChannelEnv *env,
                     char **pzResult, int *pbFinal){
  Err e = {0};
  if( check_smtp_env(env, &e) ){
    *pzResult = xstrdup(e.zMsg);
    *pbFinal = 1;
    return -1;
  }
  char zDate[64], zId[96];
  unsigned char aRand[12];
  char zRand[25];
  randombytes_buf(aRand, sizeof(aRand));
  sodium_bin2hex(zRand, sizeof(zRand), aRand, sizeof(aRand));
  char *zFromAddr = mail_addr(env->zMailFrom);
  const char *zDomain = strchr(zFromAddr, '@');
  snprintf(zId, sizeof(zId), "luoshi.%s%s", zRand, zDomain ? zDomain : "@localhost");
  mail_date(zDate);
  char *zMsg = mime_message(env->zMailFrom, c->zAddress, m->zTitle, m->zText, zDate, zId);
  Upload up = {zMsg, strlen(zMsg), 0};
  char zErr[CURL_ERROR_SIZE];
  CURL *h = easy_new(env->zSmtpUrl, 0, zErr);
  smtp_options(h, env);
  char *zFromArg = xprintf("<%s>", zFromAddr);
  char *zRcpt = xprintf("<%s>", c->zAddress);
  struct curl_slist *pRcpt = curl_slist_append(0, zRcpt);
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, zFromArg);
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, pRcpt);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read);
  curl_easy_setopt(h, CURLOPT_READDATA, &up);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  CURLcode rc = curl_easy_perform(h);
  long code = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  if( rc==CURLE_OK ) *pzResult = xprintf("SMTP %ld", code);
  else if( code ) *pzResult = xprintf("SMTP %ld: %s", code, zErr[0] ? zErr : curl_easy_strerror(rc));
  else *pzResult = curl_failure(rc, zErr);
  curl_slist_free_all(pRcpt);
  curl_easy_cleanup(h);
  free(zFromArg); free(zRcpt); free(zMsg); free(zFromAddr);
  return rc==CURLE_OK ? 0 : -1;
}

/* See remind.h. */
int channel_send(const Channel *c, const ChannelMsg *m, const ChannelEnv *env,
                 char **pzResult, int *pbFinal){
  Err e = {0};
  *pbFinal = 0;
  *pzResult = 0;
  if( channel_validate(c->zKind, c->zAddress, c->zSecret, &e) ){
    *pzResult = xstrdup(e.zMsg);
    *pbFinal = 1;
    return -1;
  }
  if( strcmp(c->zKind, "email")==0 ) return send_mail(c, m, env, pzResult, pbFinal);
  char *zBody, *zUrl;
  int bRobot = 1;
  if( strcmp(c->zKind, "dingtalk")==0 ){
    zBody = channel_dingtalk_body(m);
    zUrl = c->zSecret && c->zSecret[0] ? channel_dingtalk_signed_url(c->zAddress, c->zSecret, now_ms())
                                       : xstrdup(c->zAddress);
  }else if( strcmp(c->zKind, "wecom")==0 ){
    zBody = channel_wecom_body(m);
    zUrl = xstrdup(c->zAddress);
  }else{
    zBody = channel_webhook_body(m, c);
    zUrl = xstrdup(c->zAddress);
    bRobot = 0;
  }
  int rc = post_json(zUrl, zBody, bRobot, pzResult);
  free(zBody);
  free(zUrl);
  return rc;
}

/* See remind.h. */
int channel_probe(const Channel *c, const ChannelEnv *env, char **pzResult){
  Err e = {0};
  *pzResult = 0;
  if( channel_validate(c->zKind, c->zAddress, c->zSecret, &e) ){
    *pzResult = xstrdup(e.zMsg);
    return -1;
  }
  int bMail = strcmp(c->zKind, "email")==0;
  if( bMail && check_smtp_env(env, &e) ){
    *pzResult = xstrdup(e.zMsg);
    return -1;
  }
  char zErr[CURL_ERROR_SIZE];
  CURL *h = easy_new(bMail ? env->zSmtpUrl : c->zAddress, 0, zErr);
  if( bMail ) smtp_options(h, env);
  curl_easy_setopt(h, CURLOPT_CONNECT_ONLY, 1L);
  CURLcode rc = curl_easy_perform(h);
  if( rc==CURLE_OK ){
    char *zIp = 0;
    long port = 0;
    curl_easy_getinfo(h, CURLINFO_PRIMARY_IP, &zIp);
    curl_easy_getinfo(h, CURLINFO_PRIMARY_PORT, &port);
    *pzResult = xprintf("reachable (%s %s:%ld)", bMail ? "SMTP server at" : "connected to",
                        zIp ? zIp : "?", port);
  }else{
    char *z = curl_failure(rc, zErr);
    *pzResult = xprintf("unreachable: %s%s", z, bMail ? " (remind_smtp_url)" : "");
    free(z);
  }
  curl_easy_cleanup(h);
  return rc==CURLE_OK ? 0 : -1;
}
