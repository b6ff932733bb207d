PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE setting(
  name   TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
INSERT INTO setting VALUES('red_gap','30');
INSERT INTO setting VALUES('yellow_gap','10');
INSERT INTO setting VALUES('report_due_days','10');
CREATE TABLE unit(
  id       INTEGER PRIMARY KEY,
  name     TEXT NOT NULL UNIQUE,          -- as shown: 教育局
  kind     TEXT NOT NULL DEFAULT 'department', -- department|town|upper|other
  aliases  TEXT NOT NULL DEFAULT '',      -- other names, comma-separated
  keywords TEXT NOT NULL DEFAULT '',      -- words that suggest the unit
  active   INTEGER NOT NULL DEFAULT 1
);
INSERT INTO unit VALUES(1,'发改局','department','区发改局,发展和改革局,区发展和改革局,发展改革局,发改委','重大项目,重点项目,项目建设,固定资产投资,有效投资,专项债,中央预算内,规划纲要,十五五,价格,以工代赈,新型城镇化,节能,服务业,社会信用,项目谋划',1);
INSERT INTO unit VALUES(2,'工信局','department','区工信局,工业和信息化局,工业信息化局,经信局','工业,制造业,技改,技术改造,专精特新,数字经济,中小企业,规上工业,小升规,产业链,智能制造,新材料,工业园区,首台套,5G,两化融合,工业企业',1);
INSERT INTO unit VALUES(3,'科技局','department','区科技局,科学技术局','科技,创新平台,高新技术企业,科技型中小企业,研发,科创,技术中心,成果转化,孵化,产学研,科技特派员,创新主体,科技资金',1);
INSERT INTO unit VALUES(4,'教育局','department','区教育局,教育和体育局,教体局,教育科技局','学校,教育,学位,幼儿园,教师,中小学,义务教育,学前,高中,职业教育,校园,学生,双减,托管,课后服务,校舍',1);
INSERT INTO unit VALUES(5,'公安分局','department','区公安分局,公安局','公安,治安,电信网络诈骗,诈骗,犯罪,扫黑除恶,警务,交通秩序,禁毒,反诈',1);
INSERT INTO unit VALUES(6,'民政局','department','区民政局','养老,民政,社会救助,低保,特困,殡葬,婚姻登记,慈善,老年人,居家养老,助餐,老年食堂,儿童福利,留守儿童,社会组织,社区养老,养老服务',1);
INSERT INTO unit VALUES(7,'司法局','department','区司法局','法治政府,普法,司法,公共法律服务,人民调解,法律援助,行政复议,法治',1);
INSERT INTO unit VALUES(8,'财政局','department','区财政局','财政,预算,政府债务,债务风险,财源,国库,一般公共预算,财政收入,隐性债务,化债,过紧日子,三保',1);
INSERT INTO unit VALUES(9,'人社局','department','区人社局,人力资源和社会保障局,人力资源社会保障局,人社','就业,社保,社会保险,养老保险,技能,职业技能,工资,劳动,创业,农民工,职称,高校毕业生,零就业,欠薪,根治欠薪,人才,招聘,见习',1);
INSERT INTO unit VALUES(10,'自然资源分局','department','规划和自然资源局,自然资源局,区自然资源分局,规划分局,自然资源和规划局','土地,用地,国土空间,不动产,矿产,自然资源,闲置土地,批而未供,耕地保护,土地供应,地质灾害,测绘,占补平衡,规划编制',1);
INSERT INTO unit VALUES(11,'生态环境分局','department','区生态环境分局,生态环境局,环保局','生态环境,污染,大气,空气质量,PM2.5,水质,环保,碳排放,减排,固废,优良天数,土壤,环境督察,污染防治,蓝天,碧水,净土,断面',1);
INSERT INTO unit VALUES(12,'住建局','department','区住建局,住房和城乡建设局,住房城乡建设局,住建委','老旧小区,城市更新,保障性住房,保障房,物业,住房,房地产,建筑业,燃气,供热,排水,管网,海绵城市,棚户区,房屋,危房,城中村,市政,供暖,住宅,好房子',1);
INSERT INTO unit VALUES(13,'交通运输局','department','区交通运输局,交通局','公路,道路,桥梁,公交,交通,农村公路,四好农村路,客运,高速,铁路,运输,路网,城乡公交,停车场,物流',1);
INSERT INTO unit VALUES(14,'水利局','department','区水利局,水务局','水利,水库,河道,防汛,灌溉,供水,节水,河长制,水土保持,饮水,水资源,引水,堤防,农村饮水,水系',1);
INSERT INTO unit VALUES(15,'农业农村局','department','区农业农村局,农业农村和水利局,农业局,乡村振兴局','农业,农村,粮食,高标准农田,乡村振兴,养殖,种植,农产品,农民增收,合作社,村集体,和美乡村,农机,畜牧,蔬菜,人居环境,农村厕所,耕地,种业,特色农业,防止返贫,脱贫,宅基地,农文旅',1);
INSERT INTO unit VALUES(16,'商务局','department','区商务局,商务和投资促进局','消费,商贸,外贸,进出口,电商,电子商务,商业,餐饮,步行街,夜经济,限额以上,社会消费品零售,以旧换新,外资,会展,商圈',1);
INSERT INTO unit VALUES(17,'文旅局','department','区文旅局,文化和旅游局,文化旅游局,文化旅游体育局,文旅体局,文化和旅游体育局','文化,旅游,景区,文旅,文物,非遗,博物馆,图书馆,演出,全民健身,体育,赛事,游客,民宿,文化馆,A级景区',1);
INSERT INTO unit VALUES(18,'卫健局','department','区卫健局,卫生健康局,卫生健康委员会,卫健委','医疗,医院,卫生,健康,疾病,医共体,家庭医生,托育,公共卫生,疫苗,妇幼,中医,卫生院,村卫生室,医疗服务,婴幼儿',1);
INSERT INTO unit VALUES(19,'退役军人事务局','department','区退役军人事务局,退役军人局','退役军人,优抚,双拥,拥军,军人',1);
INSERT INTO unit VALUES(20,'应急管理局','department','区应急管理局,应急局','安全生产,应急,消防,防灾,减灾,危险化学品,危化品,隐患,救援,森林防火,防汛抗旱,自然灾害,应急预案,安全隐患',1);
INSERT INTO unit VALUES(21,'审计局','department','区审计局','审计',1);
INSERT INTO unit VALUES(22,'国资中心','department','国资,国资委,国资局,国有资产服务中心,区国资中心,国有资产监督管理局','国有企业,国企,国资,国有资本,国有资产,平台公司,国企改革',1);
INSERT INTO unit VALUES(23,'市场监管局','department','区市场监管局,市场监督管理局,市场监管','市场监管,食品安全,药品,质量,计量,标准化,特种设备,经营主体,知识产权,商标,市场主体,市场秩序,消费者,放心消费',1);
INSERT INTO unit VALUES(24,'统计局','department','区统计局','统计,普查,经济普查',1);
INSERT INTO unit VALUES(25,'医保局','department','区医保局,医疗保障局,医保分局','医保,医疗保障,医疗保险,参保,医保基金',1);
INSERT INTO unit VALUES(26,'城管局','department','城市管理局,综合行政执法局,城市管理和综合执法局,区城管局,城管执法局','城市管理,市容,环卫,垃圾,垃圾分类,停车,违法建设,违建,园林,绿化,路灯,照明,城管,公厕,口袋公园,公园',1);
INSERT INTO unit VALUES(27,'行政审批局','department','行政审批服务管理局,区行政审批局,审批局,政务服务中心,数据和政务服务局','审批,政务服务,一件事,一网通办,告知承诺,容缺,营商环境,帮办代办,一窗受理,12345,政务服务中心',1);
INSERT INTO unit VALUES(28,'信访局','department','区信访局','信访,矛盾纠纷,化解',1);
INSERT INTO unit VALUES(29,'林业局','department','区林业局,林业和草原局,林草局','造林,林业,森林,国土绿化,林长制,草原,湿地,自然保护区',1);
INSERT INTO unit VALUES(30,'能源局','department','区能源局,能源服务中心','能源,煤炭,光伏,风电,新能源,电力,储能,氢能,充电桩,煤矿,电网',1);
INSERT INTO unit VALUES(31,'投资促进中心','department','投促中心,招商局,区投资促进中心,投资促进局','招商,引资,签约,招商引资,落地项目,客商,产业招商,以商招商',1);
INSERT INTO unit VALUES(32,'数据局','department','数据管理局,大数据中心,大数据局,区数据局','数字政府,大数据,算力,政务数据,数据要素,智慧城市,数字化',1);
INSERT INTO unit VALUES(33,'税务局','department','区税务局,税务分局','税收,税务,减税降费,纳税',1);
INSERT INTO unit VALUES(34,'金融服务中心','department','金融办,地方金融监管局,金融局','金融,贷款,信贷,融资,上市,担保,普惠金融,企业上市,金融风险',1);
INSERT INTO unit VALUES(35,'残联','department','区残联,残疾人联合会','残疾人,助残,康复',1);
INSERT INTO unit VALUES(36,'开发区管委会','department','经开区管委会,经济技术开发区,开发区,高新区管委会','开发区,园区,产业园,经开区,高新区',1);
INSERT INTO unit VALUES(37,'各镇（街道）','town','各镇,各街道,各乡镇,各镇街,各乡镇（街道）,镇街','网格,社区,街道,乡镇,行政村,村级,村庄',1);
INSERT INTO unit VALUES(38,'省发改委','upper','发改委,发展改革委,省发展改革委,市发改委','',1);
INSERT INTO unit VALUES(39,'省教育厅','upper','教育厅','',1);
INSERT INTO unit VALUES(40,'省科技厅','upper','科技厅','',1);
INSERT INTO unit VALUES(41,'省工信厅','upper','工信厅,工业和信息化厅','',1);
INSERT INTO unit VALUES(42,'省公安厅','upper','公安厅','',1);
INSERT INTO unit VALUES(43,'省民政厅','upper','民政厅','',1);
INSERT INTO unit VALUES(44,'省司法厅','upper','司法厅','',1);
INSERT INTO unit VALUES(45,'省财政厅','upper','财政厅','',1);
INSERT INTO unit VALUES(46,'省人社厅','upper','人社厅,人力资源社会保障厅,人力资源和社会保障厅','',1);
INSERT INTO unit VALUES(47,'省自然资源厅','upper','自然资源厅','',1);
INSERT INTO unit VALUES(48,'省生态环境厅','upper','生态环境厅','',1);
INSERT INTO unit VALUES(49,'省住建厅','upper','住建厅,住房城乡建设厅,住房和城乡建设厅','',1);
INSERT INTO unit VALUES(50,'省交通运输厅','upper','交通运输厅,交通厅','',1);
INSERT INTO unit VALUES(51,'省水利厅','upper','水利厅','',1);
INSERT INTO unit VALUES(52,'省农业农村厅','upper','农业农村厅','',1);
INSERT INTO unit VALUES(53,'省商务厅','upper','商务厅','',1);
INSERT INTO unit VALUES(54,'省文旅厅','upper','文旅厅,文化和旅游厅','',1);
INSERT INTO unit VALUES(55,'省卫健委','upper','省卫生健康委,卫生健康委','',1);
INSERT INTO unit VALUES(56,'省应急管理厅','upper','应急管理厅,应急厅','',1);
INSERT INTO unit VALUES(57,'省国资委','upper','省国资委员会','',1);
INSERT INTO unit VALUES(58,'省市场监管局','upper','省市场监督管理局','',1);
INSERT INTO unit VALUES(59,'省医保局','upper','省医疗保障局','',1);
CREATE TABLE user(
  id       INTEGER PRIMARY KEY,
  login    TEXT NOT NULL UNIQUE,
  role     TEXT NOT NULL CHECK(role IN ('admin','supervisor','unit','leader')),
  unit_id  INTEGER REFERENCES unit(id),
  pwhash   TEXT NOT NULL,
  created  TEXT NOT NULL
);
INSERT INTO user VALUES(1,'admin','admin',NULL,'$argon2id$v=19$m=65536,t=2,p=1$8mFQm2HgJq5G7CmA0y+ulw$iBkPBlyGRa2SYeLtaI4ILoXLRnl3KtV+H0OgmmgMOOw','2026-03-05T03:48:18');
INSERT INTO user VALUES(2,'zj','unit',12,'$argon2id$v=19$m=65536,t=2,p=1$rMey90nO1FVF5/sJQrR12Q$VE9cJ+9urr3sVonYUaRb4cjqUwu+lHRDGAiXxCHcnKo','2026-03-05T03:48:18');
CREATE TABLE plan(
  id           INTEGER PRIMARY KEY,
  region       TEXT NOT NULL,
  year         INTEGER NOT NULL,
  title        TEXT,
  file_name    TEXT NOT NULL,
  sha256       TEXT NOT NULL UNIQUE,      -- of source_bytes
  encoding     TEXT NOT NULL,
  format       TEXT NOT NULL,
  source_bytes BLOB NOT NULL,
  source_text  TEXT NOT NULL,
  extraction   TEXT NOT NULL,
  state        TEXT NOT NULL DEFAULT 'draft' CHECK(state IN ('draft','published')),
  start_date   TEXT NOT NULL,             -- expected progress counts from here
  imported_at  TEXT NOT NULL,
  published_at TEXT
);
INSERT INTO "plan" VALUES(1,'某区',2026,NULL,'/work/wt-ledger/tests/e2e/ledger/mini_report.txt','942155874e59903b38162b26e7b2015eaa60b6dc23d8e08fc997692589150e69','UTF-8','txt',X'e69f90e58cba32303236e5b9b4e694bfe5ba9ce5b7a5e4bd9ce68aa5e5918a0a0ae4b880e3808132303235e5b9b4e5b7a5e4bd9ce59b9ee9a1be0ae8bf87e58ebbe4b880e5b9b4efbc8ce585a8e58cbae5ae8ce68890e59cb0e58cbae7949fe4baa7e680bbe580bc313030e4babfe58583e380820a0ae4ba8ce3808132303236e5b9b4e5b7a5e4bd9ce5ae89e68e920aefbc88e4b880efbc89e68c81e7bbade689a9e5a4a7e69c89e69588e68a95e8b5840ae4b880e698afe68a93e5a5bde9a1b9e79baee5bbbae8aebee38082e585a8e5b9b4e5ae9ee696bde9878de782b9e9a1b9e79bae3530e4b8aaefbc8ce5ae8ce68890e59bbae5ae9ae8b584e4baa7e68a95e8b5843830e4babfe58583e4bba5e4b88ae380820ae4ba8ce698afe694b9e59684e59f8ee5b882e99da2e8b28ce38082e585a8e58a9be5ae8ce688903330e4b8aae88081e697a7e5b08fe58cbae694b9e980a0efbc8c36e69c88e5ba95e5898de5ae8ce68890e4b8bbe4bd93e5b7a5e7a88befbc88e789b5e5a4b4e58d95e4bd8defbc9ae4bd8fe5bbbae5b180efbc9be8b4a3e4bbbbe58d95e4bd8defbc9ae8b4a2e694bfe5b180e38081e59084e99587efbc88e8a197e98193efbc89efbc89e380820aefbc88e4ba8cefbc89e58a9ee5a5bde6b091e7949fe5ae9ee4ba8b0ae4b880e698afe58f91e5b195e69599e882b2e4ba8be4b89ae38082e696b0e5bbbae5b9bce584bfe59bad33e68980efbc8ce696b0e5a29ee5ada6e4bd8d31323030e4b8aaefbc8c39e69c88e5ba95e5898de68a95e585a5e4bdbfe794a8e380820ae4ba8ce698afe68f90e58d87e4baa4e9809ae69da1e4bbb6e38082e694b9e5bbbae5869ce69d91e585ace8b7af3430e585ace9878cefbc8ce696b0e5bc80e9809ae59f8ee4b9a1e585ace4baa4e7babfe8b7af32e69da1e380820ae4b889e698afe7a8b3e5ae9ae689a9e5a4a7e5b0b1e4b89ae38082e59f8ee99587e696b0e5a29ee5b0b1e4b89a33303030e4babae4bba5e4b88aefbc88e789b5e5a4b4e58d95e4bd8defbc9ae4babae7a4bee58e85efbc89e380820ae59b9be698afe58aa0e5bcbae5ae89e585a8e7949fe4baa7e38082e6b7b1e58c96e5ae89e585a8e7949fe4baa7e6b2bbe69cace694bbe59d9aefbc8ce59d9ae586b3e9818fe588b6e9878de789b9e5a4a7e4ba8be69585e58f91e7949fe380820a',replace('某区2026年政府工作报告\n\n一、2025年工作回顾\n过去一年，全区完成地区生产总值100亿元。\n\n二、2026年工作安排\n（一）持续扩大有效投资\n一是抓好项目建设。全年实施重点项目50个，完成固定资产投资80亿元以上。\n二是改善城市面貌。全力完成30个老旧小区改造，6月底前完成主体工程（牵头单位：住建局；责任单位：财政局、各镇（街道））。\n（二）办好民生实事\n一是发展教育事业。新建幼儿园3所，新增学位1200个，9月底前投入使用。\n二是提升交通条件。改建农村公路40公里，新开通城乡公交线路2条。\n三是稳定扩大就业。城镇新增就业3000人以上（牵头单位：人社厅）。\n四是加强安全生产。深化安全生产治本攻坚，坚决遏制重特大事故发生。\n','\n',char(10)),'{"luoshi_extract":1,"source":{"name":"/work/wt-ledger/tests/e2e/ledger/mini_report.txt","sha256":"942155874e59903b38162b26e7b2015eaa60b6dc23d8e08fc997692589150e69","encoding":"UTF-8","format":"txt","chars":319},"year":2026,"year_from":"option","nodes":[{"id":"n1","parent":null,"level":1,"label":"一、","title":"2025年工作回顾","span":[15,26],"inferred":false,"part":"review"},{"id":"n2","parent":null,"level":1,"label":"二、","title":"2026年工作安排","span":[50,61],"inferred":false,"part":"plan"},{"id":"n3","parent":"n2","level":2,"label":"（一）","title":"持续扩大有效投资","span":[62,73],"inferred":false,"part":"plan"},{"id":"n4","parent":"n3","level":3,"label":"一是","title":"抓好项目建设","span":[74,82],"inferred":false,"part":"plan"},{"id":"n5","parent":"n3","level":3,"label":"二是","title":"改善城市面貌","span":[111,119],"inferred":false,"part":"plan"},{"id":"n6","parent":"n2","level":2,"label":"（二）","title":"办好民生实事","span":[172,181],"inferred":false,"part":"plan"},{"id":"n7","parent":"n6","level":3,"label":"一是","title":"发展教育事业","span":[182,190],"inferred":false,"part":"plan"},{"id":"n8","parent":"n6","level":3,"label":"二是","title":"提升交通条件","span":[219,227],"inferred":false,"part":"plan"},{"id":"n9","parent":"n6","level":3,"label":"三是","title":"稳定扩大就业","span":[252,260],"inferred":false,"part":"plan"},{"id":"n10","parent":"n6","level":3,"label":"四是","title":"加强安全生产","span":[286,294],"inferred":false,"part":"plan"}],"tasks":[{"id":"t1","node":"n4","span":[83,110],"text":"全年实施重点项目50个，完成固定资产投资80亿元以上。","targets":[{"span":[91,94],"text":"50个","subject":"重点项目","value":50,"unit":"个","cmp":"=","strength":"plain"},{"span":[103,109],"text":"80亿元以上","subject":"固定资产投资","value":8000000000,"unit":"元","cmp":">=","strength":"must"}],"deadline":{"date":"2026-12-31","text":null,"explicit":false},"departments":[]},{"id":"t2","node":"n5","span":[120,171],"text":"全力完成30个老旧小区改造，6月底前完成主体工程（牵头单位：住建局；责任单位：财政局、各镇（街道））。","targets":[{"span":[124,127],"text":"30个","subject":"老旧小区改造","value":30,"unit":"个","cmp":"=","strength":"must"}],"deadline":{"date":"2026-06-30","text":"6月底前","explicit":true,"span":[134,138]},"departments":[]},{"id":"t3","node":"n7","span":[191,218],"text":"新建幼儿园3所，新增学位1200个，9月底前投入使用。","targets":[{"span":[196,198],"text":"3所","subject":"幼儿园","value":3,"unit":"所","cmp":"=","strength":"plain"},{"span":[203,208],"text":"1200个","subject":"学位","value":1200,"unit":"个","cmp":"=","strength":"plain"}],"deadline":{"date":"2026-09-30","text":"9月底前","explicit":true,"span":[209,213]},"departments":[]},{"id":"t4","node":"n8","span":[228,251],"text":"改建农村公路40公里，新开通城乡公交线路2条。","targets":[{"span":[234,238],"text":"40公里","subject":"农村公路","value":40,"unit":"公里","cmp":"=","strength":"plain"},{"span":[248,250],"text":"2条","subject":"城乡公交线路","value":2,"unit":"条","cmp":"=","strength":"plain"}],"deadline":{"date":"2026-12-31","text":null,"explicit":false},"departments":[]},{"id":"t5","node":"n9","span":[261,285],"text":"城镇新增就业3000人以上（牵头单位：人社厅）。","targets":[{"span":[267,274],"text":"3000人以上","subject":"城镇新增就业","value":3000,"unit":"人","cmp":">=","strength":"plain"}],"deadline":{"date":"2026-12-31","text":null,"explicit":false},"departments":[]},{"id":"t6","node":"n10","span":[295,318],"text":"深化安全生产治本攻坚，坚决遏制重特大事故发生。","targets":[],"deadline":{"date":"2026-12-31","text":null,"explicit":false},"departments":[]}],"skipped":[]}','published','2026-01-01','2026-03-05T03:48:18','2026-03-05T03:48:18');
CREATE TABLE node(
  id         INTEGER PRIMARY KEY,
  plan_id    INTEGER NOT NULL REFERENCES plan(id),
  parent_id  INTEGER REFERENCES node(id),
  level      INTEGER NOT NULL,
  part       TEXT NOT NULL,               -- review|plan|other|none
  label      TEXT NOT NULL,
  title      TEXT NOT NULL,
  seq        TEXT NOT NULL,               -- 5.2
  span_start INTEGER NOT NULL,
  span_end   INTEGER NOT NULL,
  inferred   INTEGER NOT NULL DEFAULT 0
);
INSERT INTO node VALUES(1,1,NULL,1,'review','一、','2025年工作回顾','1',15,26,0);
INSERT INTO node VALUES(2,1,NULL,1,'plan','二、','2026年工作安排','',50,61,0);
INSERT INTO node VALUES(3,1,2,2,'plan','（一）','持续扩大有效投资','1',62,73,0);
INSERT INTO node VALUES(4,1,3,3,'plan','一是','抓好项目建设','1.1',74,82,0);
INSERT INTO node VALUES(5,1,3,3,'plan','二是','改善城市面貌','1.2',111,119,0);
INSERT INTO node VALUES(6,1,2,2,'plan','（二）','办好民生实事','2',172,181,0);
INSERT INTO node VALUES(7,1,6,3,'plan','一是','发展教育事业','2.1',182,190,0);
INSERT INTO node VALUES(8,1,6,3,'plan','二是','提升交通条件','2.2',219,227,0);
INSERT INTO node VALUES(9,1,6,3,'plan','三是','稳定扩大就业','2.3',252,260,0);
INSERT INTO node VALUES(10,1,6,3,'plan','四是','加强安全生产','2.4',286,294,0);
CREATE TABLE task(
  id            INTEGER PRIMARY KEY,
  plan_id       INTEGER NOT NULL REFERENCES plan(id),
  node_id       INTEGER REFERENCES node(id),
  ord           INTEGER NOT NULL,
  seq           TEXT NOT NULL,            -- 5.2.3
  text          TEXT NOT NULL,
  span_start    INTEGER NOT NULL,
  span_end      INTEGER NOT NULL,
  deadline      TEXT NOT NULL,            -- YYYY-MM-DD
  deadline_text TEXT,
  deadline_explicit INTEGER NOT NULL DEFAULT 0,
  dl_start      INTEGER NOT NULL DEFAULT -1,
  dl_end        INTEGER NOT NULL DEFAULT -1,
  lead_unit_id  INTEGER REFERENCES unit(id),
  state         TEXT NOT NULL DEFAULT 'draft'
                CHECK(state IN ('draft','published','done','dropped')),
  closed_at     TEXT,
  close_reason  TEXT,
  machine       TEXT NOT NULL,
  edited        TEXT NOT NULL DEFAULT ''
);
INSERT INTO task VALUES(1,1,4,1,'1.1.1','全年实施重点项目50个，完成固定资产投资80亿元以上。',83,110,'2026-12-31',NULL,0,-1,-1,1,'published',NULL,NULL,'{"text":"全年实施重点项目50个，完成固定资产投资80亿元以上。","deadline":"2026-12-31","deadline_text":null,"lead":"发改局","co":[],"units_from":"keywords"}','');
INSERT INTO task VALUES(2,1,5,2,'1.2.1','全力完成30个老旧小区改造，6月底前完成主体工程（牵头单位：住建局；责任单位：财政局、各镇（街道））。',120,171,'2026-06-30','6月底前',1,134,138,12,'published',NULL,NULL,'{"text":"全力完成30个老旧小区改造，6月底前完成主体工程（牵头单位：住建局；责任单位：财政局、各镇（街道））。","deadline":"2026-06-30","deadline_text":"6月底前","lead":"住建局","co":["财政局","各镇（街道）"],"units_from":"text"}','');
INSERT INTO task VALUES(3,1,7,3,'2.1.1','新建幼儿园3所，新增学位1200个，9月底前投入使用。',191,218,'2026-09-30','9月底前',1,209,213,4,'published',NULL,NULL,'{"text":"新建幼儿园3所，新增学位1200个，9月底前投入使用。","deadline":"2026-09-30","deadline_text":"9月底前","lead":"教育局","co":[],"units_from":"keywords"}','');
INSERT INTO task VALUES(4,1,8,4,'2.2.1','改建农村公路40公里，新开通城乡公交线路2条。',228,251,'2026-12-31',NULL,0,-1,-1,13,'published',NULL,NULL,'{"text":"改建农村公路40公里，新开通城乡公交线路2条。","deadline":"2026-12-31","deadline_text":null,"lead":"交通运输局","co":[],"units_from":"keywords"}','');
INSERT INTO task VALUES(5,1,9,5,'2.3.1','城镇新增就业3000人以上（牵头单位：人社厅）。',261,285,'2026-12-31',NULL,0,-1,-1,46,'published',NULL,NULL,'{"text":"城镇新增就业3000人以上（牵头单位：人社厅）。","deadline":"2026-12-31","deadline_text":null,"lead":"省人社厅","co":[],"units_from":"text"}','');
INSERT INTO task VALUES(6,1,10,6,'2.4.1','深化安全生产治本攻坚，坚决遏制重特大事故发生。',295,318,'2026-12-31',NULL,0,-1,-1,20,'published',NULL,NULL,'{"text":"深化安全生产治本攻坚，坚决遏制重特大事故发生。","deadline":"2026-12-31","deadline_text":null,"lead":"应急管理局","co":[],"units_from":"keywords"}','');
CREATE TABLE task_co(
  task_id  INTEGER NOT NULL REFERENCES task(id),
  unit_id  INTEGER NOT NULL REFERENCES unit(id),
  ord      INTEGER NOT NULL,
  PRIMARY KEY(task_id, unit_id)
);
INSERT INTO task_co VALUES(2,8,1);
INSERT INTO task_co VALUES(2,37,2);
CREATE TABLE target(
  id         INTEGER PRIMARY KEY,
  task_id    INTEGER NOT NULL REFERENCES task(id),
  ord        INTEGER NOT NULL,
  text       TEXT NOT NULL,
  subject    TEXT NOT NULL DEFAULT '',
  value      REAL NOT NULL,
  value_max  REAL,
  unit       TEXT NOT NULL DEFAULT '',
  cmp        TEXT NOT NULL,
  strength   TEXT NOT NULL,
  span_start INTEGER NOT NULL DEFAULT -1,
  span_end   INTEGER NOT NULL DEFAULT -1,
  origin     TEXT NOT NULL CHECK(origin IN ('extracted','manual')),
  machine    TEXT,                        -- the extracted target, once edited
  removed    INTEGER NOT NULL DEFAULT 0
);
INSERT INTO target VALUES(1,1,1,'50个','重点项目',50.0,NULL,'个','=','plain',91,94,'extracted',NULL,0);
INSERT INTO target VALUES(2,1,2,'80亿元以上','固定资产投资',8000000000.0,NULL,'元','>=','must',103,109,'extracted',NULL,0);
INSERT INTO target VALUES(3,2,1,'30个','老旧小区改造',30.0,NULL,'个','=','must',124,127,'extracted',NULL,0);
INSERT INTO target VALUES(4,3,1,'3所','幼儿园',3.0,NULL,'所','=','plain',196,198,'extracted',NULL,0);
INSERT INTO target VALUES(5,3,2,'1200个','学位',1200.0,NULL,'个','=','plain',203,208,'extracted',NULL,0);
INSERT INTO target VALUES(6,4,1,'40公里','农村公路',40.0,NULL,'公里','=','plain',234,238,'extracted',NULL,0);
INSERT INTO target VALUES(7,4,2,'2条','城乡公交线路',2.0,NULL,'条','=','plain',248,250,'extracted',NULL,0);
INSERT INTO target VALUES(8,5,1,'3000人以上','城镇新增就业',3000.0,NULL,'人','>=','plain',267,274,'extracted',NULL,0);
CREATE TABLE report(
  id             INTEGER PRIMARY KEY,
  task_id        INTEGER NOT NULL REFERENCES task(id),
  target_id      INTEGER REFERENCES target(id), -- NULL: a percent report
  period         TEXT NOT NULL,           -- YYYY-MM
  is_percent     INTEGER NOT NULL,
  value          REAL NOT NULL,
  note           TEXT NOT NULL,
  author_id      INTEGER NOT NULL REFERENCES user(id),
  created_at     TEXT NOT NULL,
  state          INTEGER NOT NULL DEFAULT 0, -- 0 submitted, 1 accepted, 2 returned
  reviewer_id    INTEGER REFERENCES user(id),
  reviewed_at    TEXT,
  review_comment TEXT,
  resubmits      INTEGER REFERENCES report(id)
);
INSERT INTO report VALUES(1,2,3,'2026-02',0,10.0,'十个',2,'2026-03-05T03:48:18',1,1,'2026-03-05T03:48:19',NULL,NULL);
CREATE TABLE evidence(
  id        INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES report(id),
  name      TEXT NOT NULL,
  sha256    TEXT NOT NULL,
  size      INTEGER NOT NULL,
  content   BLOB NOT NULL
);
CREATE TABLE event(
  id        INTEGER PRIMARY KEY,           -- 1, 2, 3... without gaps
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  obj_type  TEXT NOT NULL,
  obj_id    INTEGER NOT NULL,
  task_id   INTEGER,
  before    TEXT,
  after     TEXT,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
INSERT INTO event VALUES(1,'2026-03-05T03:48:18','admin','ledger.init','ledger',0,NULL,NULL,'{"schema":1,"units":59}','0000000000000000000000000000000000000000000000000000000000000000','02330089b212953eddb40c9eb590284c1346c28f133088c0bdfb5a5655624849');
INSERT INTO event VALUES(2,'2026-03-05T03:48:18','admin','user.add','user',1,NULL,NULL,'{"login":"admin","role":"admin"}','02330089b212953eddb40c9eb590284c1346c28f133088c0bdfb5a5655624849','2bd48af649d7872154bea4e45ab38fb379529cdcdd16f785842635d5931e994d');
INSERT INTO event VALUES(3,'2026-03-05T03:48:18','admin','plan.import','plan',1,NULL,NULL,'{"region":"某区","year":2026,"title":null,"file":"/work/wt-ledger/tests/e2e/ledger/mini_report.txt","sha256":"942155874e59903b38162b26e7b2015eaa60b6dc23d8e08fc997692589150e69","nodes":10,"tasks":6}','2bd48af649d7872154bea4e45ab38fb379529cdcdd16f785842635d5931e994d','0f5dea1d007cef202721f120ffbb61885fdee1b90878be0e4d763305eaaa74b0');
INSERT INTO event VALUES(4,'2026-03-05T03:48:18','admin','plan.publish','plan',1,NULL,'{"state":"draft"}','{"state":"published","tasks":6}','0f5dea1d007cef202721f120ffbb61885fdee1b90878be0e4d763305eaaa74b0','d57d55f514bff1adbd49da7be44abec1721cc4fac230e001e5f14dd44a6fb3ab');
INSERT INTO event VALUES(5,'2026-03-05T03:48:18','admin','user.add','user',2,NULL,NULL,'{"login":"zj","role":"unit","unit":"住建局"}','d57d55f514bff1adbd49da7be44abec1721cc4fac230e001e5f14dd44a6fb3ab','35dfd61e6e6c14e51912646a69458859b6d73b020244ca740066551c23530330');
INSERT INTO event VALUES(6,'2026-03-05T03:48:19','zj','report.submit','report',1,2,NULL,'{"task":2,"period":"2026-02","target":3,"value":10.0,"note":"十个","evidence":[],"state":"submitted"}','35dfd61e6e6c14e51912646a69458859b6d73b020244ca740066551c23530330','b84689290e7ad180e9e7eea00e222e77e1a342bf7b17821a0701d39579ce9b3f');
INSERT INTO event VALUES(7,'2026-03-05T03:48:19','admin','report.accept','report',1,2,'{"state":"submitted"}','{"state":"accepted","comment":null}','b84689290e7ad180e9e7eea00e222e77e1a342bf7b17821a0701d39579ce9b3f','63bd1a3e072b8a76b3572ded255fe220051285c0244a6207d954db0e31d5f279');
CREATE TABLE audit_head(
  one   INTEGER PRIMARY KEY CHECK(one=1),
  n     INTEGER NOT NULL,
  hash  TEXT NOT NULL
);
INSERT INTO audit_head VALUES(1,7,'63bd1a3e072b8a76b3572ded255fe220051285c0244a6207d954db0e31d5f279');
CREATE INDEX node_plan ON node(plan_id);
CREATE INDEX task_plan ON task(plan_id, ord);
CREATE INDEX task_lead ON task(lead_unit_id);
CREATE INDEX task_co_unit ON task_co(unit_id);
CREATE INDEX target_task ON target(task_id);
CREATE INDEX report_task ON report(task_id, period);
CREATE INDEX evidence_report ON evidence(report_id);
CREATE INDEX event_task ON event(task_id);
CREATE TRIGGER event_no_update BEFORE UPDATE ON event
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER event_no_delete BEFORE DELETE ON event
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
COMMIT;
PRAGMA user_version=1;
