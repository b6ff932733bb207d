/*
** web_people.c -- 账号与单位 (/admin/people): the supervision office's
** page for the accounts (list, add, reset a password) and the unit
** catalogue (list, add, change aliases and keywords).  The CLI's
** `luoshi user` and `luoshi unit` do the same through the same ledger
** functions.
**
** Who may do what is the ledger's business (auth_can): the page is for
** the staff (ACT_SUPERVISE); the accounts are shown to those who may
** manage users (ACT_USERS), the forms of the units to those who may manage
** units (ACT_UNITS).  A form that fails shows the page again with the
** reason in Chinese at the top and what was typed (never a password), and
** stores nothing: each form is one ledger call, one transaction.
*/
#include "web.h"
#include "auth.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The kinds of unit and their Chinese names, as the ledger knows them. */
static const char *const azKind[][2] = {
  {"department", "部门"}, {"town", "镇（街道）"}, {"upper", "上级单位"}, {"other", "其他"},
};
#define N_KIND ((int)(sizeof(azKind)/sizeof(azKind[0])))

/* The Chinese name of unit kind z (static; z itself when unknown). */
static const char *kind_label(const char *z){
  for(int i=0; i<N_KIND; i++) if( z && strcmp(z, azKind[i][0])==0 ) return azKind[i][1];
  return z ? z : "";
}

/* Form field zName of r, or "" when absent. */
static const char *field(Req *r, const char *zName){
  const char *z = PF(r, zName);
  return z ? z : "";
}

/* The accounts: a table with a reset form per user (not for the acting
** user, who changes their own on /my/password), then the add form,
** prefilled from the post when bRetry. */
static void users_section(Req *r, const Unit *aU, int nU, int bRetry){
  Err e = {0};
  Buf *o = &r->out;
  User *a;
  int n;
  html_printf(o, "<h2 id=users>账号</h2>");
  if( ledger_user_list(r->L, &a, &n, &e) ){
    html_printf(o, "<p class=sub>账号由系统管理员维护。</p>");
    return;
  }
  html_printf(o, "<div class=scroll><table><tr><th>登录名</th><th>角色</th><th>单位</th><th class=noprint>重置密码</th></tr>");
  for(int i=0; i<n; i++){
    const User *u = &a[i];
    html_printf(o, "<tr><td>%s</td><td>%s</td><td>%s</td><td class=noprint>",
                u->zLogin, role_label(u->role), u->zUnit ? u->zUnit : "—");
    if( u->id==r->pUser->id ){
      html_printf(o, "<a href=/my/password>修改自己的密码</a>");
    }else{
      html_printf(o, "<form class=inline method=post action=/admin/people/password>");
      web_csrf_field(r);
      html_printf(o, "<input type=hidden name=login value=\"%s\">"
                     "<input type=password name=password autocomplete=new-password size=10 "
                     "placeholder=新密码 aria-label=\"%s的新密码\" required> "
                     "<input type=password name=password2 autocomplete=new-password size=10 "
                     "placeholder=再次输入 aria-label=\"再次输入%s的新密码\" required> "
                     "<button>重置</button></form>", u->zLogin, u->zLogin, u->zLogin);
    }
    html_printf(o, "</td></tr>");
  }
  html_printf(o, "</table></div>");
  user_list_free(a, n);
  /* the add form */
  const char *zLogin = bRetry ? field(r, "login") : "";
  const char *zRole = bRetry ? field(r, "role") : "unit";
  const char *zUnit = bRetry ? field(r, "unit") : "";
  static const Role aRole[] = {ROLE_UNIT, ROLE_SUPERVISOR, ROLE_LEADER, ROLE_ADMIN};
  html_printf(o, "<h3>新增账号</h3><form class=\"card form\" method=post action=/admin/people/user>");
  web_csrf_field(r);
  html_printf(o, "<p><label for=login>登录名</label><input id=login name=login required maxlength=64 "
                 "autocomplete=off value=\"%s\"> <span class=sub>字母、数字或 . _ -，如 jiaoyu</span></p>"
                 "<p><label for=role>角色</label><select id=role name=role>", zLogin);
  for(int i=0; i<4; i++){
    html_printf(o, "<option value=\"%s\"%s>%s</option>", role_name(aRole[i]),
                strcmp(zRole, role_name(aRole[i]))==0 ? " selected" : "", role_label(aRole[i]));
  }
  html_printf(o, "</select></p><p><label for=unit>所属单位</label><select id=unit name=unit>"
                 "<option value=\"\">无（督查室、领导、管理员）</option>");
  for(int i=0; i<nU; i++){
    if( !aU[i].active ) continue;
    char zId[16];
    snprintf(zId, sizeof(zId), "%d", aU[i].id);
    html_printf(o, "<option value=\"%s\"%s>%s</option>", zId, strcmp(zUnit, zId)==0 ? " selected" : "",
                aU[i].zName);
  }
  html_printf(o, "</select> <span class=sub>责任单位账号必选</span></p>"
                 "<p><label for=password>初始密码</label><input id=password name=password type=password "
                 "autocomplete=new-password required> <span class=sub>至少%d个字符</span></p>"
                 "<p><label for=password2>再次输入初始密码</label><input id=password2 name=password2 "
                 "type=password autocomplete=new-password required></p>"
                 "<p><button>新增账号</button></p></form>", AUTH_PASSWORD_MIN);
}

/* The unit catalogue: the add form (prefilled from the post when bRetry),
** then a table with a form per unit changing its aliases and keywords,
** both for those who may change units. */
static void units_section(Req *r, const Unit *aU, int nU, int bRetry){
  Buf *o = &r->out;
  int canEdit = auth_can(r->pUser, ACT_UNITS, 0);
  html_printf(o, "<h2 id=units>单位</h2><p class=sub>别名和关键词用逗号或顿号分隔；"
                 "导入报告时按单位名称、别名认出任务中写明的单位，按关键词建议牵头单位。</p>");
  if( canEdit ){
    const char *zKind = bRetry ? field(r, "kind") : "department";
    html_printf(o, "<h3>新增单位</h3><form class=\"card form\" method=post action=/admin/people/unit>");
    web_csrf_field(r);
    html_printf(o, "<p><label for=uname>名称</label><input id=uname name=name required value=\"%s\"></p>"
                   "<p><label for=kind>类型</label><select id=kind name=kind>",
                bRetry ? field(r, "name") : "");
    for(int i=0; i<N_KIND; i++){
      html_printf(o, "<option value=\"%s\"%s>%s</option>", azKind[i][0],
                  strcmp(zKind, azKind[i][0])==0 ? " selected" : "", azKind[i][1]);
    }
    html_printf(o, "</select></p><p><label for=aliases>别名</label><input id=aliases name=aliases size=30 "
                   "placeholder=\"如：区教育局，教体局\" value=\"%s\"></p>"
                   "<p><label for=keywords>关键词</label><input id=keywords name=keywords size=40 "
                   "placeholder=\"如：学校，教育，托育\" value=\"%s\"></p>"
                   "<p><button>新增单位</button></p></form>",
                bRetry ? field(r, "aliases") : "", bRetry ? field(r, "keywords") : "");
  }
  html_printf(o, "<div class=scroll><table><tr><th>名称</th><th>类型</th><th>别名</th><th>关键词</th>%r</tr>",
              canEdit ? "<th class=noprint></th>" : "");
  for(int i=0; i<nU; i++){
    const Unit *u = &aU[i];
    html_printf(o, "<tr id=\"u%d\"><td>%s%s</td><td>%s</td>", u->id, u->zName,
                u->active ? "" : "（已停用）", kind_label(u->zKind));
    if( canEdit ){
      html_printf(o, "<td><input form=\"f%d\" name=aliases size=18 aria-label=\"%s的别名\" value=\"%s\"></td>"
                     "<td><input form=\"f%d\" name=keywords size=24 aria-label=\"%s的关键词\" value=\"%s\"></td>"
                     "<td class=noprint><form id=\"f%d\" class=inline method=post action=\"/admin/people/unit/%d\">",
                  u->id, u->zName, u->zAliases, u->id, u->zName, u->zKeywords, u->id, u->id);
      web_csrf_field(r);
      html_printf(o, "<button>保存</button></form></td>");
    }else{
      html_printf(o, "<td>%s</td><td>%s</td>", u->zAliases, u->zKeywords);
    }
    html_printf(o, "</tr>");
  }
  html_printf(o, "</table></div>");
  if( !canEdit ) html_printf(o, "<p class=sub>单位目录由系统管理员维护。</p>");
}

/* The whole page, with the message zErr (or NULL) at the top and, when
** zErr, the forms prefilled from the post. */
static void people_page(Req *r, const char *zErr){
  Err e = {0};
  Unit *aU;
  int nU;
  if( ledger_unit_list(r->L, &aU, &nU, &e) ){ web_error(r, &e); return; }
  Buf *o = &r->out;
  page_begin(r, "账号与单位");
  web_flash(r);
  admin_nav(r, "/admin/people");
  html_printf(o, "<h1>账号与单位</h1>");
  if( zErr ) html_printf(o, "<p class=err role=alert>%s</p>", zErr);
  users_section(r, aU, nU, zErr!=0);
  units_section(r, aU, nU, zErr!=0);
  page_end(r);
  unit_list_free(aU, nU);
}

/* Answer a refused form: the page again with status code and zErr. */
static void people_refused(Req *r, int code, const char *zErr){
  r->status = code;
  people_page(r, zErr);
}

/*
** WEBPAGE: /admin/people
** 账号与单位: the accounts (admin) and the unit catalogue.
*/
void page_admin_people(Req *r){
  if( !need_staff(r) ) return;
  people_page(r, 0);
}

/* Refuse (answering r, 403) when the acting user may not do a (asks
** auth_can); 0 when it may. */
static int refuse_unless(Req *r, Action a, const char *zWhat){
  if( auth_can(r->pUser, a, 0) ) return 0;
  web_fail(r, ERR_FORBIDDEN, "只有系统管理员可以%s。", zWhat);
  return -1;
}

/* See web.h. */
const char *web_new_password_problem(const char *zPw, const char *zPw2, char *zBuf, size_t nBuf){
  if( zPw==0 || zPw[0]==0 ) return "请填写新密码。";
  if( !auth_password_long_enough(zPw) ){
    snprintf(zBuf, nBuf, "密码太短：至少需要%d个字符。", AUTH_PASSWORD_MIN);
    return zBuf;
  }
  if( zPw2==0 || strcmp(zPw, zPw2)!=0 ) return "两次输入的新密码不一致，请重新输入。";
  return 0;
}

/*
** WEBPAGE: /admin/people/user (POST)
** Add an account: login, role, unit (by id; unit users only), the initial
** password twice.
*/
void page_admin_people_user(Req *r){
  Err e = {0};
  if( !need_staff(r) || refuse_unless(r, ACT_USERS, "新增账号") ) return;
  const char *zLogin = field(r, "login"), *zRole = field(r, "role"), *zUnit = field(r, "unit");
  const char *zPw = field(r, "password"), *zPw2 = field(r, "password2");
  int role = role_parse(zRole);
  char zMsg[1024];
  const char *zErr = 0;
  Unit u = {0};
  if( !ledger_login_valid(zLogin) ){
    zErr = "登录名无效：请用1到64个字母、数字或 . _ - 。";
  }else if( role<0 ){
    zErr = "请选择角色。";
  }else if( role==ROLE_UNIT && zUnit[0]==0 ){
    zErr = "责任单位账号需要选择所属单位。";
  }else if( role!=ROLE_UNIT && zUnit[0] ){
    zErr = "只有责任单位账号属于某个单位：其他角色的“所属单位”请选“无”。";
  }else if( zUnit[0] && ledger_unit_find(r->L, zUnit, &u, &e) ){
    if( e.code==ERR_INTERNAL ){ web_error(r, &e); return; }
    snprintf(zMsg, sizeof(zMsg), "没有这个单位：%s。请从列表中选择。", zUnit);
    zErr = zMsg;
  }else{
    zErr = web_new_password_problem(zPw, zPw2, zMsg, sizeof(zMsg));
  }
  if( zErr ){
    unit_clear(&u);
    people_refused(r, 400, zErr);
    return;
  }
  char zId[16];
  snprintf(zId, sizeof(zId), "%d", u.id);
  int rc = ledger_user_add(r->L, zLogin, (Role)role, u.id ? zId : 0, zPw, &e);
  if( rc ){
    unit_clear(&u);
    if( e.code==ERR_CONFLICT ){
      snprintf(zMsg, sizeof(zMsg), "登录名 %s 已被使用，请换一个。", zLogin);
      people_refused(r, 409, zMsg);
    }else if( e.code==ERR_INPUT ){
      snprintf(zMsg, sizeof(zMsg), "未能新增账号：%s", e.zMsg);
      people_refused(r, 400, zMsg);
    }else{
      web_error(r, &e);
    }
    return;
  }
  snprintf(zMsg, sizeof(zMsg), "已新增账号 %s（%s%s%s）。", zLogin, role_label((Role)role),
           u.zName ? "·" : "", u.zName ? u.zName : "");
  unit_clear(&u);
  web_redirect_msg(r, "/admin/people#users", zMsg);
}

/*
** WEBPAGE: /admin/people/password (POST)
** Reset the password of another account (admin): login, the new password
** twice.  Every session of that account ends.  One's own password is
** changed on /my/password, with the old one.
*/
void page_admin_people_password(Req *r){
  Err e = {0};
  if( !need_staff(r) || refuse_unless(r, ACT_USERS, "重置他人的密码") ) return;
  const char *zLogin = field(r, "login");
  const char *zErr = 0;
  char zMsg[1024];
  if( zLogin[0]==0 ){
    zErr = "请指明要重置密码的账号。";
  }else if( strcmp(zLogin, r->pUser->zLogin)==0 ){
    zErr = "自己的密码请在“修改密码”页面修改（需要输入原密码）。";
  }else{
    zErr = web_new_password_problem(field(r, "password"), field(r, "password2"), zMsg, sizeof(zMsg));
  }
  if( zErr ){ people_refused(r, 400, zErr); return; }
  if( ledger_user_password(r->L, zLogin, field(r, "password"), &e) ){
    if( e.code==ERR_NOTFOUND ){
      snprintf(zMsg, sizeof(zMsg), "没有账号 %s。", zLogin);
      people_refused(r, 404, zMsg);
    }else if( e.code==ERR_INPUT ){
      snprintf(zMsg, sizeof(zMsg), "未能重置密码：%s", e.zMsg);
      people_refused(r, 400, zMsg);
    }else{
      web_error(r, &e);
    }
    return;
  }
  snprintf(zMsg, sizeof(zMsg), "已重置 %s 的密码；该账号原有的登录已失效，请把新密码告知本人。", zLogin);
  web_redirect_msg(r, "/admin/people#users", zMsg);
}

/*
** WEBPAGE: /admin/people/unit (POST)
** Add a unit: name, kind, aliases, keywords.
*/
void page_admin_people_unit_add(Req *r){
  Err e = {0};
  if( !need_staff(r) || refuse_unless(r, ACT_UNITS, "新增单位") ) return;
  const char *zName = field(r, "name"), *zKind = field(r, "kind");
  char zMsg[1024];
  int kindOk = 0;
  for(int i=0; i<N_KIND; i++) if( strcmp(zKind, azKind[i][0])==0 ) kindOk = 1;
  if( zName[0]==0 ){ people_refused(r, 400, "请填写单位名称。"); return; }
  if( !kindOk ){ people_refused(r, 400, "请选择单位类型。"); return; }
  Unit old;
  if( ledger_unit_find(r->L, zName, &old, &e)==0 ){
    snprintf(zMsg, sizeof(zMsg), "已有单位“%s”（名称或别名相同），不能重复添加。", old.zName);
    unit_clear(&old);
    people_refused(r, 409, zMsg);
    return;
  }
  if( e.code==ERR_INTERNAL ){ web_error(r, &e); return; }
  memset(&e, 0, sizeof(e));
  Unit u = {0, (char*)zName, (char*)zKind, (char*)field(r, "aliases"), (char*)field(r, "keywords"), 1};
  int id;
  if( ledger_unit_add(r->L, &u, &id, &e) ){
    if( e.code==ERR_INTERNAL || e.code==ERR_FORBIDDEN ){ web_error(r, &e); return; }
    snprintf(zMsg, sizeof(zMsg), "未能新增单位：%s", e.zMsg);
    people_refused(r, e.code, zMsg);
    return;
  }
  web_invalidate();
  snprintf(zMsg, sizeof(zMsg), "已新增单位“%s”。", zName);
  char zUrl[48];
  snprintf(zUrl, sizeof(zUrl), "/admin/people#u%d", id);
  web_redirect_msg(r, zUrl, zMsg);
}

/*
** WEBPAGE: /admin/people/unit/ID (POST)
** Change the aliases and keywords of unit ID.
*/
void page_admin_people_unit_edit(Req *r){
  Err e = {0};
  if( !need_staff(r) || refuse_unless(r, ACT_UNITS, "修改单位") ) return;
  int id = path_id(r, "/admin/people/unit/");
  const char *zAliases = PF(r, "aliases"), *zKeywords = PF(r, "keywords");
  char zId[16], zMsg[1024];
  snprintf(zId, sizeof(zId), "%d", id);
  Unit old;
  if( id==0 || ledger_unit_find(r->L, zId, &old, &e) ){
    if( e.code==ERR_INTERNAL ){ web_error(r, &e); return; }
    people_refused(r, 404, "没有这个单位。");
    return;
  }
  if( zAliases==0 || zKeywords==0 ){
    unit_clear(&old);
    people_refused(r, 400, "请填写别名和关键词（可以留空）。");
    return;
  }
  Unit u = {0, 0, 0, (char*)zAliases, (char*)zKeywords, -1};
  int rc = ledger_unit_edit(r->L, zId, &u, &e);
  snprintf(zMsg, sizeof(zMsg), "已保存单位“%s”的别名和关键词。", old.zName);
  unit_clear(&old);
  if( rc ){ web_error(r, &e); return; }
  web_invalidate();
  char zUrl[48];
  snprintf(zUrl, sizeof(zUrl), "/admin/people#u%d", id);
  web_redirect_msg(r, zUrl, zMsg);
}
