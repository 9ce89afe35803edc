//! Projects listed as numbered items, in the shapes real notices print them
//! (issue 10), each written here as a short notice of our own; and the lists
//! that must give no records.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a failure stops loudly

use notice_extract::{extract, Error, NoticeDocument};

/// (seq, name, target, lead units, partner units, deadline, section) of each record.
type Row = (
    String,
    String,
    String,
    Vec<String>,
    Vec<String>,
    Option<String>,
    Option<String>,
);

fn rows(doc: &NoticeDocument) -> Vec<Row> {
    doc.records
        .iter()
        .map(|r| {
            (
                r.seq.clone().unwrap_or_default(),
                r.name.clone().unwrap_or_default(),
                r.target.clone().unwrap_or_default(),
                r.lead_units.clone(),
                r.partner_units.clone(),
                r.deadline.clone(),
                r.section.clone(),
            )
        })
        .collect()
}

/// (seq, name, target, lead units) of each record.
fn seq_name_target_lead(doc: &NoticeDocument) -> Vec<(String, String, String, Vec<String>)> {
    rows(doc)
        .into_iter()
        .map(|(seq, name, target, lead, ..)| (seq, name, target, lead))
        .collect()
}

fn seqs_and_names(doc: &NoticeDocument) -> Vec<(String, String)> {
    doc.records
        .iter()
        .map(|r| {
            (
                r.seq.clone().unwrap_or_default(),
                r.name.clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// (name, lead units) of each record.
fn names_and_leads(doc: &NoticeDocument) -> Vec<(String, Vec<String>)> {
    doc.records
        .iter()
        .map(|r| (r.name.clone().unwrap_or_default(), r.lead_units.clone()))
        .collect()
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn layouts(doc: &NoticeDocument) -> Vec<&str> {
    doc.records
        .iter()
        .map(|r| r.source.layout.as_str())
        .collect()
}

fn no_records(text: &str) {
    match extract(text.as_bytes(), "n.txt") {
        Err(Error::NoRecords { .. }) => {}
        Ok(doc) => panic!("records from a page without projects: {:?}", rows(&doc)),
        Err(e) => panic!("unexpected error {e}"),
    }
}

#[test]
fn inline_items_in_one_paragraph() {
    // Markers (1)…(3) in one paragraph; `(2021)` and `1.5万` are no markers.
    let text = "某市2021年民生实事项目\n\n\
        今年重点抓好以下民生实事：(1)新建(2021)年度规划内公园3个。(2)改造老旧小区1.5万户。(3)新增公交线路5条。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    assert_eq!(
        seqs_and_names(&doc),
        pairs(&[
            ("1", "新建(2021)年度规划内公园3个"),
            ("2", "改造老旧小区1.5万户"),
            ("3", "新增公交线路5条"),
        ])
    );
    assert!(layouts(&doc).iter().all(|l| *l == "numbered_list"));
    assert_eq!(
        doc.records[1].target.as_deref(),
        Some("改造老旧小区1.5万户。")
    );
    // Every marker style, one notice each.
    let styles = [
        "（1）新建公园3个。（2）改造小区5个。（3）新增线路2条。",
        "1.新建公园3个。2.改造小区5个。3.新增线路2条。",
        "1、新建公园3个；2、改造小区5个；3、新增线路2条。",
        "①新建公园3个；②改造小区5个；③新增线路2条。",
        "⑴新建公园3个；⑵改造小区5个；⑶新增线路2条。",
        "一是新建公园3个；二是改造小区5个；三是新增线路2条。",
    ];
    for s in styles {
        let text = format!("某县2022年民生实事\n\n今年办好以下实事：{s}\n");
        let doc = extract(text.as_bytes(), "n.txt").unwrap_or_else(|e| panic!("{s}: {e}"));
        let names: Vec<String> = doc.records.iter().filter_map(|r| r.name.clone()).collect();
        assert_eq!(
            names,
            strings(&["新建公园3个", "改造小区5个", "新增线路2条"]),
            "{s}"
        );
    }
}

#[test]
fn numbers_inside_text_do_not_split_items() {
    // 第1、2批 and 3、4号楼 run in sequence but follow no boundary or are
    // followed by digits: one item each.
    let text = "某区2023年民生实事项目\n\n\
        1.完成第1、2批老旧小区改造，涉及3、4号楼。\n\
        2.新建停车场2座。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    assert_eq!(
        seqs_and_names(&doc),
        pairs(&[
            ("1", "完成第1、2批老旧小区改造，涉及3、4号楼"),
            ("2", "新建停车场2座")
        ])
    );
}

#[test]
fn items_followed_by_labelled_lines() {
    let text = "某区2024年重点民生实事\n\n\
        1.新建公共停车场2座。\n牵头单位：区住建委\n配合单位：区交通局、各街道\n完成时限：2024年10月底\n\
        2.改造老旧小区5个。\n责任单位：区住建委\n牵头领导：王某某\n完成时间：12月底前\n\
        3.新增养老床位200张。\n主办单位：区民政局\n协办单位：区卫健委\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let got = rows(&doc);
    assert_eq!(
        got,
        vec![
            (
                "1".into(),
                "新建公共停车场2座".into(),
                "新建公共停车场2座。".into(),
                strings(&["区住建委"]),
                strings(&["区交通局", "各街道"]),
                Some("2024-10".into()),
                None
            ),
            (
                "2".into(),
                "改造老旧小区5个".into(),
                "改造老旧小区5个。".into(),
                strings(&["区住建委"]),
                vec![],
                Some("2024-12".into()),
                None
            ),
            (
                "3".into(),
                "新增养老床位200张".into(),
                "新增养老床位200张。".into(),
                strings(&["区民政局"]),
                strings(&["区卫健委"]),
                None,
                None
            ),
        ]
    );
    // A leader is a person, not a unit: kept in extra.
    assert_eq!(
        doc.records[1]
            .extra
            .get("牵头领导")
            .and_then(|v| v.as_str()),
        Some("王某某")
    );
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn labelled_parts_in_brackets_and_bare_units() {
    // Labels in brackets after the item; a bare list of units in brackets
    // counts when the notice says what the brackets hold.
    let text = "某市2023年民生实事项目（括号内为牵头单位）\n\n\
        1.新建社区食堂10个（市民政局、市商务局）。\n\
        2.改造农贸市场8个（牵头单位：市商务局；配合单位：各区政府）。\n\
        3.新建公园2个（含口袋公园）（市园林局）。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let units: Vec<(Vec<String>, Vec<String>)> = doc
        .records
        .iter()
        .map(|r| (r.lead_units.clone(), r.partner_units.clone()))
        .collect();
    assert_eq!(
        units,
        vec![
            (strings(&["市民政局", "市商务局"]), vec![]),
            (strings(&["市商务局"]), strings(&["各区政府"])),
            (strings(&["市园林局"]), vec![]),
        ]
    );
    assert_eq!(
        doc.records[2].name.as_deref(),
        Some("新建公园2个（含口袋公园）")
    );
}

#[test]
fn category_headings_group_items() {
    // Numbering continued across groups, counts announced in brackets and
    // after a comma; a count that disagrees is warned about.
    let text = "某省2023年民生实事\n\n\
        一、教育方面（共2项）\n\
        1.新建幼儿园10所。（牵头单位：省教育厅）\n\
        2.改扩建中小学20所。（牵头单位：省教育厅）\n\
        二、“医疗卫生”类，共2项\n\
        3.建设县域医疗中心5个。（牵头单位：省卫健委）\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let sections: Vec<(String, Option<String>)> = doc
        .records
        .iter()
        .map(|r| (r.seq.clone().unwrap_or_default(), r.section.clone()))
        .collect();
    assert_eq!(
        sections,
        vec![
            ("1".into(), Some("教育方面（共2项）".into())),
            ("2".into(), Some("教育方面（共2项）".into())),
            ("3".into(), Some("“医疗卫生”类，共2项".into())),
        ]
    );
    let list = &doc.tables[0];
    assert_eq!(list.sections.len(), 2);
    assert_eq!(list.sections[0].announced, Some(2));
    assert_eq!(list.sections[1].projects, 1);
    let codes: Vec<&str> = doc.warnings.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(codes, vec!["section_count"]);

    // Numbering restarted in each group; a group heading in （一） style over
    // a group of one; the heading's count on a line of its own.
    let text = "某区2024年为民办实事项目\n\n\
        （一）教育类\n（2项）\n\
        1.新建幼儿园1所。（责任单位：区教委）\n\
        2.新建食堂2个。（责任单位：区教委）\n\
        （二）交通类\n\
        1.新建停车场3座。（责任单位：区交通局）\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let got: Vec<(String, Option<String>)> = doc
        .records
        .iter()
        .map(|r| (r.seq.clone().unwrap_or_default(), r.section.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("1".into(), Some("教育类（2项）".into())),
            ("2".into(), Some("教育类（2项）".into())),
            ("1".into(), Some("交通类".into())),
        ]
    );
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn title_and_content_items() {
    let text = "某区2024年民生实事项目\n\n\
        1.城市书房建设项目。新建城市书房3个，总面积约1200平方米。（牵头单位：区文旅委）\n\
        2.社区食堂建设项目。新建社区食堂10个。（牵头单位：区民政局）\n\
        3.新建停车场2座。（牵头单位：区住建委）\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let got: Vec<(String, String)> = doc
        .records
        .iter()
        .map(|r| {
            (
                r.name.clone().unwrap_or_default(),
                r.target.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        got,
        pairs(&[
            ("城市书房建设项目", "新建城市书房3个，总面积约1200平方米。"),
            ("社区食堂建设项目", "新建社区食堂10个。"),
            ("新建停车场2座", "新建停车场2座。"),
        ])
    );
    // Quantities come from the target.
    let q = &doc.records[0].quantities;
    assert_eq!(q.len(), 2, "{q:?}");
    // A title line with its content on the next line.
    let text = "某县2024年十大民生实事\n\n\
        一、加强学位建设。\n新增幼儿园学位1500个。\n\
        二、加快老旧小区改造。\n改造城镇老旧小区75个。\n\
        采写：记者 某某\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    assert_eq!(
        rows(&doc)
            .into_iter()
            .map(|r| (r.0, r.1, r.2))
            .collect::<Vec<_>>(),
        vec![
            (
                "一".into(),
                "加强学位建设".into(),
                "新增幼儿园学位1500个。".into()
            ),
            (
                "二".into(),
                "加快老旧小区改造".into(),
                "改造城镇老旧小区75个。".into()
            ),
        ]
    );
}

#[test]
fn items_run_together_and_numbers_on_their_own_line() {
    let text = "某市2014年民生实事项目\n\n\
        1.建成地铁线路1条。牵头领导：张某 责任单位：市交通委 2.新增公交车100辆。牵头领导：李某 责任单位：市公交集团 3.改造农贸市场5个。责任单位：市商务局\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let got: Vec<(String, String, Vec<String>)> = doc
        .records
        .iter()
        .map(|r| {
            (
                r.seq.clone().unwrap_or_default(),
                r.name.clone().unwrap_or_default(),
                r.lead_units.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("1".into(), "建成地铁线路1条".into(), strings(&["市交通委"])),
            (
                "2".into(),
                "新增公交车100辆".into(),
                strings(&["市公交集团"])
            ),
            ("3".into(), "改造农贸市场5个".into(), strings(&["市商务局"])),
        ]
    );
    // The number printed above its item, and a zero-padded number and a space.
    for text in [
        "某市2020年十件民生实事\n\n1\n\n新建农贸市场52家。\n\n2\n\n新建文化礼堂400家。\n\n来源：某报\n",
        "某区2022年政府实事项目\n\n01 新建农贸市场52家。\n02 新建文化礼堂400家。\n",
    ] {
        let doc = extract(text.as_bytes(), "n.txt").expect("records");
        assert_eq!(
            doc.records
                .iter()
                .filter_map(|r| r.name.clone())
                .collect::<Vec<_>>(),
            strings(&["新建农贸市场52家", "新建文化礼堂400家"]),
            "{text}"
        );
    }
}

#[test]
fn traditional_script_lists() {
    let text = "某縣2023年民生實事項目\n\n\
        一、教育類（共2項）\n\
        1.新建幼兒園3所。\n責任單位：縣教育局\n完成時限：2023年12月\n\
        2.改造學校操場5個。\n責任單位：縣教育局、縣財政局\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let got = rows(&doc);
    assert_eq!(got.len(), 2);
    // Outputs as printed, matched on the simplified fold.
    assert_eq!(got[0].1, "新建幼兒園3所");
    assert_eq!(got[0].3, strings(&["縣教育局"]));
    assert_eq!(got[0].5.as_deref(), Some("2023-12"));
    assert_eq!(got[0].6.as_deref(), Some("教育類（共2項）"));
    assert_eq!(got[1].3, strings(&["縣教育局", "縣財政局"]));
    assert_eq!(doc.tables[0].sections[0].announced, Some(2));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn a_weakly_evidenced_list_is_flagged() {
    // No units and no project words around: the items' own project words
    // carry it, with a warning.
    let text = "今年的安排\n\n1.实施老旧小区改造工程。\n2.实施农村公路提升工程。\n3.推进停车场建设项目。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    assert_eq!(doc.records.len(), 3);
    let codes: Vec<&str> = doc.warnings.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(codes, vec!["list_weak_evidence"]);
}

#[test]
fn a_notices_own_sections_give_no_records() {
    no_records(
        "某区2024年民生实事实施方案\n\n\
         一、总体要求\n坚持以人民为中心的发展思想，办好民生实事。\n\
         二、主要任务\n围绕教育、医疗、养老等领域实施一批民生项目。\n\
         三、保障措施\n加强组织领导，强化督查考核。\n",
    );
}

#[test]
fn a_software_specification_gives_no_records() {
    no_records(
        "系统功能说明\n\n\
         1.邮件提醒：到期前三天发送邮件提醒用户。\n\
         2.数据导出：支持导出为表格文件。\n\
         3.权限管理：按角色分配菜单权限。\n",
    );
}

#[test]
fn achievements_and_news_give_no_records() {
    // A numbered list of achievements without any project wording.
    no_records(
        "今年以来的成绩\n\n\
         1.全市居民人均可支配收入增长6%。\n\
         2.城镇登记失业率控制在3%以内。\n\
         3.空气质量优良天数比例达到90%。\n",
    );
    // News narrative about 民生实事 without a list.
    no_records(
        "记者从市政府获悉，今年我市民生实事进展顺利。\n\n\
         截至6月底，已完成老旧小区改造120个，新建公园8个。市民纷纷表示满意。\n",
    );
}

#[test]
fn title_line_gives_year_and_region() {
    for (text, title, region) in [
        (
            "某县2024年十大民生实事项目清单\n\n1.新建幼儿园3所。（牵头单位：县教育局）\n2.改造学校操场5个。（牵头单位：县教育局）\n",
            "某县2024年十大民生实事项目清单",
            "某县",
        ),
        (
            "2023年某某市為民辦實事項目\n\n1.新建幼兒園3所。（牽頭單位：市教育局）\n2.改造學校操場5個。（牽頭單位：市教育局）\n",
            "2023年某某市為民辦實事項目",
            "某某市",
        ),
    ] {
        let doc = extract(text.as_bytes(), "n.txt").expect("records");
        assert_eq!(doc.notice.title.as_deref(), Some(title));
        assert_eq!(doc.notice.region.as_deref(), Some(region));
        assert_eq!(doc.records.len(), 2);
        assert_eq!(doc.records[1].lead_units.len(), 1);
    }
    let doc = extract(
        "某县2024年十大民生实事项目清单\n\n1.新建幼儿园3所。（牵头单位：县教育局）\n2.改造操场5个。（牵头单位：县教育局）\n".as_bytes(),
        "n.txt",
    )
    .expect("records");
    assert_eq!(doc.notice.year, Some(2024));
}

#[test]
fn unnumbered_enumerations_announced_by_a_colon() {
    // One per line, each ending in a semicolon, after `…包括：`.
    let text = "某市今年办好10件民生实事\n\n这些民生实事包括：\n新增公共停车位1万个以上；\n新建公厕100座；\n新增自助图书馆20座。\n来源：某报\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    assert_eq!(
        seqs_and_names(&doc),
        pairs(&[
            ("1", "新增公共停车位1万个以上"),
            ("2", "新建公厕100座"),
            ("3", "新增自助图书馆20座")
        ])
    );
    // Clauses in the paragraph itself.
    let text = "某市确定2024年民生实事项目\n\n40项民生实事项目包括：新建实验小学；开设20个爱心暑托班；实施3个特色田园乡村建设。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    assert_eq!(doc.records.len(), 3);
    assert_eq!(doc.records[1].name.as_deref(), Some("开设20个爱心暑托班"));
    // A sentence with two clauses after a colon is no list; nor is an
    // enumeration that no project words announce.
    no_records("主要做法包括：加强领导；强化督查。\n");
    no_records("今年的工作包括：学习文件；召开会议；总结经验。\n");
}

#[test]
fn marker_slips_real_pages_print() {
    // `1。` for `1.`, and `1.` then `3、` in one list; a number glued to its words.
    for text in [
        "某市2021年民生实事工作目标\n\n1。新建停车场2座。（牵头单位：市住建局）\n2。新建公园3个。（牵头单位：市园林局）\n",
        "某市2021年民生实事工作目标\n\n1.新建停车场2座。（牵头单位：市住建局）\n2、新建公园3个。（牵头单位：市园林局）\n",
        "某省2022年十件民生实事\n\n1提供优质基础教育\n\n支持市县办好基础教育，新增学位2万个。\n\n2提高困难群众救助水平\n\n提高低保补助标准。\n",
    ] {
        let doc = extract(text.as_bytes(), "n.txt").unwrap_or_else(|e| panic!("{text}: {e}"));
        let seqs: Vec<String> = doc.records.iter().filter_map(|r| r.seq.clone()).collect();
        assert_eq!(seqs, strings(&["1", "2"]), "{text}");
    }
    // `3个` at the start of a line is a quantity, not item 3.
    let text = "某区2023年民生实事\n\n1.新建停车场2座。（牵头单位：区住建委）\n2.新建公园。（牵头单位：区园林局）\n3个社区完成改造。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    assert_eq!(doc.records.len(), 2);
}

#[test]
fn a_group_without_units_in_a_list_of_projects_is_no_projects() {
    // A ranking numbered like the projects, under its own heading.
    let text = "某市2021年民生工程进度通报\n\n\
        一、各县区进度排名\n1、甲县；2、乙区；3、丙县。\n\
        二、部分项目进展情况\n\
        1、技能培训提升，牵头单位：市人社局。\n\
        2、养老服务，牵头单位：市民政局。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    assert_eq!(
        seqs_and_names(&doc),
        pairs(&[("1", "技能培训提升"), ("2", "养老服务")])
    );
    assert!(doc
        .warnings
        .iter()
        .any(|w| w.code == "list_group_not_projects"));
}

#[test]
fn pinyin_glosses_of_mirror_sites_are_dropped() {
    let text = "2022年某區(qū)政府實(shí)事項(xiàng)目\n\n01 新增共享充電樁示范小區(qū)10個。\n02 推動早餐工程建設(shè),新增網(wǎng)點(diǎn)35個。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    assert_eq!(
        seqs_and_names(&doc),
        pairs(&[
            ("01", "新增共享充電樁示范小區10個"),
            ("02", "推動早餐工程建設,新增網點35個")
        ])
    );
}

#[test]
fn the_last_item_does_not_take_the_text_after_the_list() {
    let text = "某区2024年民生实事实施方案\n\n\
        二、项目清单\n\
        1.新建停车场2座。\n责任单位：区住建委\n\
        2.新建公园3个。\n责任单位：区园林局\n\
        三、保障措施\n\
        （一）加强组织领导。各单位要高度重视。\n\
        （二）强化督查考核。定期通报进展。\n\
        来源：区政府办\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    assert_eq!(doc.records.len(), 2);
    let last = &doc.records[1];
    assert_eq!(last.target.as_deref(), Some("新建公园3个。"));
    assert_eq!(last.lead_units, strings(&["区园林局"]));
    assert!(last.extra.is_empty(), "{:?}", last.extra);
}

/// The real pages saved in `fixtures/real/` whose hand labels say they list
/// no projects (news, work reports, lists of other things) give no records.
#[test]
fn real_pages_without_projects_give_none() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/real");
    let mut negatives = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures/real is readable") {
        let path = entry.expect("entry").path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(".labels.json") else {
            continue;
        };
        let labels: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).expect("labels readable")).expect("JSON");
        if labels["projects"].as_bool() != Some(false) {
            continue;
        }
        negatives += 1;
        let text = std::fs::read(dir.join(format!("{stem}.txt"))).expect("page readable");
        match extract(&text, name) {
            Err(Error::NoRecords { .. }) => {}
            Ok(doc) => panic!(
                "{stem}: {} records from a page without projects",
                doc.records.len()
            ),
            Err(e) => panic!("{stem}: {e}"),
        }
    }
    assert!(
        negatives >= 4,
        "expected the negative real pages, found {negatives}"
    );
}

#[test]
fn a_list_reads_the_same_from_text_and_html() {
    let lines = [
        "某区2024年重点民生实事",
        "一、教育方面（共2项）",
        "1.新建幼儿园1所。",
        "牵头单位：区教委",
        "完成时限：2024年9月",
        "2.社区食堂建设项目。新建社区食堂10个。（牵头单位：区民政局）",
    ];
    let text = lines.join("\n");
    let html = format!(
        "<html><head><meta charset=\"utf-8\"></head><body>{}</body></html>",
        lines
            .iter()
            .map(|l| format!("<p>{l}</p>"))
            .collect::<String>()
    );
    let a = extract(text.as_bytes(), "n.txt").expect("text records");
    let b = extract(html.as_bytes(), "n.html").expect("html records");
    assert_eq!(rows(&a), rows(&b));
    assert_eq!(a.records.len(), 2);
    assert_eq!(a.records[1].name.as_deref(), Some("社区食堂建设项目"));
}

#[test]
fn labelled_lines_of_other_fields_under_items() {
    // A labelled target says more than the item's one sentence; an amount
    // is the investment; a label of no field is kept in extra.
    let text = "某区2024年民生实事\n\n\
        1.新建停车场。\n目标任务：新建停车场2座，新增车位300个\n总投资：500万元\n建设地点：某街道\n时间要求：2024年10月底\n\
        2.新建公园。\n目标任务：新建口袋公园3个\n总投资：300万元\n建设地点：某镇\n时间要求：2024年12月底\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let r = &doc.records[0];
    assert_eq!(r.name.as_deref(), Some("新建停车场"));
    assert_eq!(r.target.as_deref(), Some("新建停车场2座，新增车位300个"));
    assert_eq!(r.deadline.as_deref(), Some("2024-10"));
    let inv = r.investment.as_ref().expect("investment");
    assert_eq!(
        (inv.value.to_string(), inv.unit.as_deref()),
        ("500".to_string(), Some("万元"))
    );
    assert_eq!(
        r.extra.get("建设地点").and_then(|v| v.as_str()),
        Some("某街道")
    );
    assert_eq!(r.quantities.len(), 2, "{:?}", r.quantities);
}

#[test]
fn deadlines_printed_at_the_end_of_an_item() {
    let text = "某区2024年民生实事\n\n\
        1.新建停车场2座，新增车位300个（2024年10月底前完成）。（牵头单位：区住建委）\n\
        2.改造老旧小区5个，年底前全部完工。（牵头单位：区住建委）\n\
        3.新建公园3个。（牵头单位：区园林局）\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let deadlines: Vec<Option<&str>> = doc.records.iter().map(|r| r.deadline.as_deref()).collect();
    assert_eq!(deadlines, vec![Some("2024-10"), Some("2024-12"), None]);
}

#[test]
fn a_number_in_a_name_is_no_deadline() {
    let text = "某市2024年民生实事项目包括：新建实验小学；开设20个暑托班；1958文化园续建工程。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    assert!(doc.records.iter().all(|r| r.deadline.is_none()));
}

#[test]
fn titles_and_regions_of_list_pages() {
    let items =
        "\n\n1.新建幼儿园3所。（牵头单位：市教育局）\n2.改造操场5个。（牵头单位：市教育局）\n";
    for (first, title, region) in [
        // A party committee ends the place as its government does.
        (
            "2019年某某市委市政府为民兴办10件实事",
            Some("2019年某某市委市政府为民兴办10件实事"),
            Some("某某市"),
        ),
        // A headline without a year; the phrase before the place is no place.
        (
            "筹集资金550亿元以上 某某市十大民生实事项目票决结果公布",
            Some("筹集资金550亿元以上某某市十大民生实事项目票决结果公布"),
            None,
        ),
        // A numbered line or an intro ending in a colon is no title.
        ("一、纳入民生实事项目管理的内容", None, None),
        (
            "经人大代表票决，某某县2023年十大民生实事分别包括：",
            None,
            Some("某某县"),
        ),
    ] {
        let doc = extract(format!("{first}{items}").as_bytes(), "n.txt").expect("records");
        assert_eq!(doc.notice.title.as_deref(), title, "{first}");
        assert_eq!(doc.notice.region.as_deref(), region, "{first}");
    }
}

#[test]
fn a_report_of_each_project_under_its_own_heading() {
    // `…项目完成情况` names a project, though `完成情况` alone is a notice's section.
    let text = "2021年某乡民生实事项目实施情况的报告\n\n\
        一、文化健身公园建设项目完成情况\n总投资230余万元，完成健身步道1.2公里。\n\
        二、道路提升项目完成情况\n总投资278万元，道路全长600米。\n\
        各位代表，民生实事是人民幸福之基。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    assert_eq!(
        seqs_and_names(&doc),
        pairs(&[
            ("一", "文化健身公园建设项目完成情况"),
            ("二", "道路提升项目完成情况")
        ])
    );
    assert_eq!(
        doc.records[1].target.as_deref(),
        Some("总投资278万元，道路全长600米。")
    );
}

#[test]
fn unnumbered_items_with_labelled_units() {
    let text = "某市2012年十件实事\n\n\
        市区新增中小学学位1万个。\n主管领导：张某\n责任单位：市教育局\n进度安排：12月底前完成\n\
        新建幼儿园8所。\n责任单位：市教育局、各区政府\n\
        来源：某报\n访问量：\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let got = names_and_leads(&doc);
    assert_eq!(
        got,
        vec![
            (
                "市区新增中小学学位1万个".to_string(),
                strings(&["市教育局"])
            ),
            (
                "新建幼儿园8所".to_string(),
                strings(&["市教育局", "各区政府"])
            ),
        ]
    );
    // Labelled lines that name no units make no items.
    no_records("某市新闻\n\n今天天气晴。\n来源：某报\n访问量：12\n明天多云。\n作者：某某\n");
}

#[test]
fn a_schedule_gives_the_deadline_when_none_is_printed() {
    // A labelled schedule under an item, and a plan column of a table: the
    // last date they name; the year from the opening when no title gives one.
    let text = "2012年市政府十件实事\n\n\
        1.新增中小学学位1万个。\n责任单位：市教育局\n进度安排：6月底前完成基建；12月底前全部落实。\n\
        2.新建幼儿园8所。\n责任单位：市教育局\n进度安排：9月底前开工，年底前建成。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let d: Vec<Option<&str>> = doc.records.iter().map(|r| r.deadline.as_deref()).collect();
    assert_eq!(d, vec![Some("2012-12"), Some("2012-12")]);
    assert!(doc.records[0].extra.contains_key("进度安排"));
    let table = "某区2022年民生实事\n\n序号 | 实事项目 | 工作举措及实施计划 | 责任单位 |\n\
        1 | 新建幼儿园7所 | 1.4月底前开工；2.11月底前建成 | 区教育局 |\n\
        2 | 新建驿站7家 | 3月底前选址，10月底前投用 | 区卫健局 |\n";
    let doc = extract(table.as_bytes(), "t.txt").expect("records");
    let d: Vec<Option<&str>> = doc.records.iter().map(|r| r.deadline.as_deref()).collect();
    assert_eq!(d, vec![Some("2022-11"), Some("2022-10")]);
}

#[test]
fn target_lines_under_unnumbered_headings() {
    // As newspapers print a province's list: short headings, one target per
    // line, no numbers; the paragraph above counts the projects.
    let text = "今年，某省将继续实施10大类52项民生实事，涵盖就业、教育、养老等领域。\n\
                着力实现幼有善育\n新增婴幼儿托位4.5万个\n新增公办幼儿园学位1.5万个\n\
                不断降低就医成本\n加快建设远程诊疗服务平台\n免费筛查适龄妇女“两癌”330万人次\n\
                切实推进就业创业\n完成补贴性技能培训40万人次\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let got: Vec<(String, String, Option<String>)> = doc
        .records
        .iter()
        .map(|r| {
            (
                r.seq.clone().unwrap_or_default(),
                r.name.clone().unwrap_or_default(),
                r.section.clone(),
            )
        })
        .collect();
    let want = [
        ("1", "新增婴幼儿托位4.5万个", "着力实现幼有善育"),
        ("2", "新增公办幼儿园学位1.5万个", "着力实现幼有善育"),
        ("3", "加快建设远程诊疗服务平台", "不断降低就医成本"),
        ("4", "免费筛查适龄妇女“两癌”330万人次", "不断降低就医成本"),
        ("5", "完成补贴性技能培训40万人次", "切实推进就业创业"),
    ];
    let want: Vec<(String, String, Option<String>)> = want
        .iter()
        .map(|(s, n, h)| (s.to_string(), n.to_string(), Some(h.to_string())))
        .collect();
    assert_eq!(got, want);
    assert!(layouts(&doc).iter().all(|l| *l == "headed_lines"));
    assert_eq!(doc.source.layout, "headed_lines");
    assert!(doc.warnings.iter().any(|w| w.code == "list_weak_evidence"));
    // The same shape in an article that counts no projects is its
    // subheadings and paragraphs.
    no_records(
        "某市召开民生工作会议。\n会议要求\n各部门要提高认识\n切实抓好落实\n\
         下步打算\n继续完善制度\n加强督查考核\n",
    );
    // Headings over prose are an article's sections.
    no_records(
        "今年某市实施10件民生实事。\n回顾过去\n一年来，全市上下团结一心，攻坚克难，各项事业取得了新的进展，人民群众的获得感不断增强，幸福感安全感更加充实更有保障更可持续，这是全市干部群众共同奋斗的结果。\n展望未来\n我们将继续努力，以更大的决心和更实的举措推进各项工作，让发展成果更多更公平地惠及全体人民，努力开创新局面，谱写新篇章。\n",
    );
}

#[test]
fn a_notices_own_parts_are_no_projects() {
    // A progress circular's parts, and a covering notice's slogans.
    no_records(
        "关于某市2024年十件民生实事推进情况的通报\n一、基本情况\n2024年十件民生实事共分为28项工作，已完成21项。\n\
         二、督查建议\n请各单位严格落实项目建设责任制，保证十件民生实事圆满完成。\n",
    );
    no_records(
        "关于做好2025年为民办实事的通知\n一、加强组织领导,确保责任靠实。为民办实事工作要明确责任。\n\
         二、加强统筹推进,确保办理进度。各单位要按照实施方案推进。\n\
         三、加强项目衔接,确保资金到位。各牵头单位要加强衔接。\n",
    );
    no_records(
        "关于做好2018年为民办实事的通知\n一、落实责任,确保质量\n各责任单位要把为民办实事列为今年工作重点。\n\
         二、密切配合,各负其责\n牵头责任单位要切实担负起责任。\n三、加强督查,有效监督\n区政府办公室将加强跟踪督查。\n",
    );
}

#[test]
fn unit_names_with_brackets_on_labelled_lines() {
    let text = "某市2023年10件惠民实事\n一、 扩大优质教育资源。新增公办幼儿园40所。\n牵头单位:市教育体育局\n\
                责任单位:各县(市)区人民政府、各开发（度假）区管委会\n完成时限:2023年12月31日前\n\
                二、 实施农村供水保障工程，提升3万农村人口供水保障水平。\n牵头单位:市水务局\n\
                责任单位:各县(市)区人民政府\n完成时限:2023年12月31日前\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let r = &doc.records[0];
    assert_eq!(r.name.as_deref(), Some("扩大优质教育资源"));
    assert_eq!(r.target.as_deref(), Some("新增公办幼儿园40所。"));
    assert_eq!(r.lead_units, strings(&["市教育体育局"]));
    assert_eq!(
        r.partner_units,
        strings(&["各县(市)区人民政府", "各开发（度假）区管委会"])
    );
    assert_eq!(r.deadline.as_deref(), Some("2023-12-31"));
    assert_eq!(
        doc.records[1].partner_units,
        strings(&["各县(市)区人民政府"])
    );
}

#[test]
fn labels_printed_alone_above_their_values() {
    // A form exported as lines: `项目名称：` and `责任单位` (no colon) alone
    // on a line, the value on the next; an item's number alone above it;
    // a progress label's paragraphs on the lines after it.
    let text = "全县“我为群众办实事”20个项目进展情况汇报\n\
        01 项目名称:提升县域生态环境\n项目内容:\n新改建城区公共厕所5座。\n责任单位:\n水务局、城管局\n\
        进展与成效:\n厕所革命工程已确定5座公厕建厕位置。\n湿地生态系统工程已确定建设点。\n\
        02 项目名称:加大文化惠民力度\n项目内容:\n新建“城市书房”1个。\n责任单位\n文广旅局\n进展与成效:\n城市书房已确定建设地址。\n\
        03\n项目名称:\n实施文明实践提质增效工程\n项目内容:\n建设文明实践站10个。\n责任单位:\n文明办\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let got = seq_name_target_lead(&doc);
    let want: Vec<(String, String, String, Vec<String>)> = [
        (
            "01",
            "提升县域生态环境",
            "新改建城区公共厕所5座。",
            &["水务局", "城管局"][..],
        ),
        (
            "02",
            "加大文化惠民力度",
            "新建“城市书房”1个。",
            &["文广旅局"][..],
        ),
        (
            "03",
            "实施文明实践提质增效工程",
            "建设文明实践站10个。",
            &["文明办"][..],
        ),
    ]
    .iter()
    .map(|(s, n, t, u)| (s.to_string(), n.to_string(), t.to_string(), strings(u)))
    .collect();
    assert_eq!(got, want);
    assert_eq!(
        doc.records[0].progress.as_deref(),
        Some("厕所革命工程已确定5座公厕建厕位置。\n湿地生态系统工程已确定建设点。")
    );
}

#[test]
fn paragraphs_announced_by_a_colon_each_a_titled_project() {
    // A progress report: `主要进度如下：` then a paragraph per project, its
    // title the first sentence.
    let text = "2015年25件重点民生实事上半年完成投资156亿元。主要进度如下:\n\
        2606个撤并村通公路(2013—2017年)。上半年已完成建设4022公里。\n\
        完成7.4万口山坪塘整治(2013—2017年)。上半年已全部完工。\n\
        50万人高山生态扶贫搬迁(2013—2017年)。上半年已完成搬迁安置6.4万人。\n\
        来源：某日报\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    assert_eq!(
        seqs_and_names(&doc),
        pairs(&[
            ("1", "2606个撤并村通公路(2013—2017年)"),
            ("2", "完成7.4万口山坪塘整治(2013—2017年)"),
            ("3", "50万人高山生态扶贫搬迁(2013—2017年)"),
        ])
    );
    assert!(layouts(&doc).iter().all(|l| *l == "titled_paragraphs"));
    // The same paragraphs after a notice's `通知如下：` that counts no
    // projects are its text.
    no_records(
        "关于做好民生实事工作的通知。现将有关事项通知如下:\n\
         各单位要高度重视。要把民生实事列入重要议事日程。\n\
         要加强协调配合。各牵头单位要主动作为。\n\
         要严格督查考核。督查结果纳入年度考核。\n",
    );
}

#[test]
fn titled_paragraphs_run_together_on_one_line() {
    let text = "今年，某省继续实施20项民生工程。\n\
        棚户区改造工程。新开工11万套，基本建成13.2万套。 老旧小区改造工程。改造老旧小区3057个。 城中村改造工程。启动203个城中村改造。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let got: Vec<(String, String, String)> = seq_name_target_lead(&doc)
        .into_iter()
        .map(|(s, n, t, _)| (s, n, t))
        .collect();
    let want: Vec<(String, String, String)> = [
        ("1", "棚户区改造工程", "新开工11万套，基本建成13.2万套。"),
        ("2", "老旧小区改造工程", "改造老旧小区3057个。"),
        ("3", "城中村改造工程", "启动203个城中村改造。"),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect();
    assert_eq!(got, want);
}

#[test]
fn names_the_count_vouches_for() {
    // No colon, names separated by 、: a list because there are exactly as
    // many names as the clause counts.
    let text = "据介绍，这4项民生实事项目分别是公共卫生能力提升工程、城西幼儿园工程、菜市场提升改造工程、老旧小区改造工程。下一步将抓好落实。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    assert_eq!(
        seqs_and_names(&doc),
        pairs(&[
            ("1", "公共卫生能力提升工程"),
            ("2", "城西幼儿园工程"),
            ("3", "菜市场提升改造工程"),
            ("4", "老旧小区改造工程"),
        ])
    );
    assert!(layouts(&doc).iter().all(|l| *l == "enumeration"));
    // Those of the projects behind schedule: a part, not the list.
    no_records(
        "省实事11件15项中有9项指标提前完成。其中，进度偏慢的3项分别是：改建农村户用厕所、4座台站数字化覆盖、新增直播卫星用户。\n",
    );
    // Three names where the clause counts ten: an example, not the list.
    no_records(
        "这10项民生实事项目包括公共卫生能力提升工程、城西幼儿园工程、老旧小区改造工程等。\n",
    );
}

/// Reposts in traditional script announce as the original (`分別是`), `十大`
/// counts as `十项` does, and names printed in quotes, the last closed by
/// 等, are the names without them.
#[test]
fn counted_names_in_traditional_script_in_quotes_and_after_da() {
    let text =
        "這四件民生實事分別是:新建幼兒園2所;改造老舊小區5個;建設農村公路50公里;新增停車位300個。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    assert_eq!(
        seqs_and_names(&doc),
        pairs(&[
            ("1", "新建幼兒園2所"),
            ("2", "改造老舊小區5個"),
            ("3", "建設農村公路50公里"),
            ("4", "新增停車位300個"),
        ])
    );
    let text = "這3項民生實事項目分別是新建幼兒園、改造老舊小區、建設農村公路。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    assert_eq!(
        seqs_and_names(&doc),
        pairs(&[
            ("1", "新建幼兒園"),
            ("2", "改造老舊小區"),
            ("3", "建設農村公路")
        ])
    );
    let text = "代表票决选出的四大民生实事项目包括：“实施农村巷道硬化工程”、“新建23公里碧道\"、\
                “实施“一事一议”奖补项目”、“新建3所公办幼儿园”等。被列为县政府年度民生实事。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    assert_eq!(
        seqs_and_names(&doc),
        pairs(&[
            ("1", "实施农村巷道硬化工程"),
            ("2", "新建23公里碧道"),
            ("3", "“实施“一事一议”奖补项目”"),
            ("4", "新建3所公办幼儿园"),
        ])
    );
}

/// A list that never says what its closing brackets hold: when most items
/// end in a bracket of unit names, those are the units.
#[test]
fn closing_brackets_of_unit_names_are_units_when_most_items_have_one() {
    let text = "2025年为民实事实施方案\n二、主要任务\n(一)提高民生保障标准\n\
        1.提高养老金待遇。适当提高退休人员基本养老金。(市人社局、市财政局)\n\
        2.阶段性减征职工基本医疗保险费。将缴费费率由7%降至6%。(市医疗保障局)\n\
        3.提高财政补助标准。城乡居民医保补助标准提高到每人每年700元。(市卫健委)\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let got = names_and_leads(&doc);
    assert_eq!(
        got,
        vec![
            (
                "提高养老金待遇".to_string(),
                strings(&["市人社局", "市财政局"])
            ),
            (
                "阶段性减征职工基本医疗保险费".to_string(),
                strings(&["市医疗保障局"])
            ),
            ("提高财政补助标准".to_string(), strings(&["市卫健委"])),
        ]
    );
}

/// A count stated in an earlier clause than the cue (`…10件民生实事项目出炉，
/// 分别是：`), not a duration (`历时3个多月`) or `每一项`: the lines after it,
/// one sentence each, are the items as far as the count; clauses after 即
/// separated by `；` are the items when they are as many as the count.
#[test]
fn counted_items_one_sentence_per_line_or_between_semicolons() {
    let text = "历时3个多月，2023年度4件民生实事项目出炉，分别是：\n\
        “常有善育”工程，包括扩大普惠托育资源供给、加强儿童健康管理等。\n\
        “常有优学”工程，包括促进教育资源优质均衡等。\n\
        交通畅行工程，包括持续挖掘停车资源、完善中心城区路网等。\n\
        环境改善工程，包括建设口袋公园、推进水环境整治等。\n\
        扫一扫在手机打开当前页\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let names: Vec<String> = doc.records.iter().filter_map(|r| r.name.clone()).collect();
    assert_eq!(
        names,
        strings(&[
            "“常有善育”工程",
            "“常有优学”工程",
            "交通畅行工程",
            "环境改善工程"
        ])
    );
    // Three lines where the intro counts four: not the list.
    no_records(
        "2023年度4件民生实事项目出炉，分别是：\n\
        “常有善育”工程，包括扩大普惠托育资源供给等。\n\
        “常有优学”工程，包括促进教育资源优质均衡等。\n\
        交通畅行工程，包括持续挖掘停车资源等。\n\
        扫一扫在手机打开当前页\n",
    );

    let text =
        "今年确定办好三件民生实事，每一项都与群众切身利益密切相关，即投资500万元，建设新城大桥；\
        投资680万元，建设县儿童福利院；投资3250万元，建设23条65公里农村通畅工程。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let targets: Vec<String> = doc
        .records
        .iter()
        .filter_map(|r| r.target.clone())
        .collect();
    assert_eq!(doc.records.len(), 3, "{targets:?}");
    assert!(targets[2].contains("65公里农村通畅工程"), "{targets:?}");
    // The count right before a comma and the cue.
    let text = "经代表票决，今年确定3个民生实事项目，分别是“医疗救助”项目、“景区免费游”项目、“老旧小区改造”项目。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    assert_eq!(doc.records.len(), 3);
}

/// A table flattened into lines (a PDF copied as text): each item's last
/// line ends with its units column after the sentence, once with a name
/// wrapped by a space. Most items end so, and the units are read.
#[test]
fn units_after_the_last_sentence_of_flattened_rows() {
    let text = "2019年自治区为民办实事工程项目表\n一、社保惠民项目\n1616000 1283000\n\
        (一) 城乡居民基本养老保险项目\n760000 570000\n按规定发放丧葬补助金. 自治区人力资 源社会保障厅\n\
        (二) 困难群众救助项目\n730000 620000\n为符合条件的城乡困难群众发放救助金. 自治区民政厅\n\
        (三) 农村住房政策性保险项目\n12000 9000\n为全区1050万户农户提供农村住房政策性保险。自治区应急厅\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let got = names_and_leads(&doc);
    assert_eq!(
        got,
        vec![
            (
                "城乡居民基本养老保险项目".to_string(),
                strings(&["自治区人力资源社会保障厅"])
            ),
            ("困难群众救助项目".to_string(), strings(&["自治区民政厅"])),
            (
                "农村住房政策性保险项目".to_string(),
                strings(&["自治区应急厅"])
            ),
        ]
    );
    assert!(doc.records[1]
        .target
        .as_deref()
        .is_some_and(|t| t.ends_with("救助金.")));
}

/// A line of labelled units ending in a full stop leaves the item its
/// title and content, not a content of `。`.
#[test]
fn a_labelled_units_line_ending_in_a_full_stop() {
    let text = "某县2021年为民办实事项目\n一、城市建设\n\
        (1)实施老旧小区改造提升。改造凤园西侧片区老旧小区。\n主办单位:县城投公司,协办单位:住建局、凤城镇。\n\
        (2)提升含光人行桥景观。美化亮化人行桥两岸绿地景观。\n主办单位:县建发公司,协办单位:住建局。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let got: Vec<(String, String, Vec<String>)> = doc
        .records
        .iter()
        .map(|r| {
            let (n, t) = (r.name.clone(), r.target.clone());
            (
                n.unwrap_or_default(),
                t.unwrap_or_default(),
                r.lead_units.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "实施老旧小区改造提升".to_string(),
                "改造凤园西侧片区老旧小区。".to_string(),
                strings(&["县城投公司"])
            ),
            (
                "提升含光人行桥景观".to_string(),
                "美化亮化人行桥两岸绿地景观。".to_string(),
                strings(&["县建发公司"])
            ),
        ]
    );
}

/// Items run together on one line end where the notice's closing formula
/// starts: `现予以公告` and the issuer are no part of the last item.
#[test]
fn the_closing_formula_ends_the_last_item() {
    let text = "以下项目为2021年度某市人民政府民生实事项目: 1、城区网架完善工程; 2、推进智慧交通城市建设; \
        3、全面实施人居环境整治工程项目。 现予以公告 某市第十五届人民代表大会第七次会议主席团 二0二一年二月八日\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let last = doc.records.last().expect("records");
    assert_eq!(last.name.as_deref(), Some("全面实施人居环境整治工程项目"));
    let all = serde_json::to_string(&doc.records).unwrap();
    assert!(!all.contains("现予以公告"), "{all}");
}

/// Items numbered by ordinal words (`第一项：`, `之一：`) are items, not
/// labelled lines; a short name before `——` names its item.
#[test]
fn ordinal_markers_and_a_dash_after_the_name() {
    let text = "某街道2023年民生实事项目完成情况报告\n\
        第一项:校舍维修建设及设施设备提升工程。\n包括完成滨江小学整体提升改造。\n\
        第二项:农村公路大中修工程。\n完成农村公路大中修12公里。\n\
        第三项:社区爱心食堂建设工程。\n新建社区食堂3家。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    assert_eq!(
        seqs_and_names(&doc),
        pairs(&[
            ("第一项", "校舍维修建设及设施设备提升工程"),
            ("第二项", "农村公路大中修工程"),
            ("第三项", "社区爱心食堂建设工程"),
        ])
    );
    let text = "今年该办确定了“十大民生工程”——\n\
        之一:“亮点工程”——南正街改造提升是该办重中之重的标杆工作。\n\
        之二:“地标工程”——力争大南门净菜市场项目主体框架竣工。\n\
        之三:“网格工程”——进一步提升网格作用。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    assert_eq!(
        seqs_and_names(&doc),
        pairs(&[
            ("之一", "“亮点工程”"),
            ("之二", "“地标工程”"),
            ("之三", "“网格工程”")
        ])
    );
    assert_eq!(
        doc.records[0].target.as_deref(),
        Some("南正街改造提升是该办重中之重的标杆工作。")
    );
}

/// Items marked by a bullet glyph are numbered by position, each glyph on
/// its own; a lone bullet (`□ 记者…`) and a ★ that marks a key item are
/// no list.
#[test]
fn bulleted_items_numbered_by_position() {
    let text = "某街道民生实事项目进展\n已完工项目\n\
        ☑老旧路灯改造出新工程项目\n对478盏路灯进行刷漆出新，该项目已于3月完成。\n\
        ☑社区托育服务项目\n打造全区首个公建民营托班。\n\
        已启动实施项目\n\
        ☑东蕾苑二期新建工程\n该项目于2023年6月开工，目前主体完成约70%。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let got: Vec<(String, String)> = doc
        .records
        .iter()
        .map(|r| {
            (
                r.seq.clone().unwrap_or_default(),
                r.name.clone().unwrap_or_default(),
            )
        })
        .collect();
    let want = [
        ("1", "老旧路灯改造出新工程项目"),
        ("2", "社区托育服务项目"),
        ("3", "东蕾苑二期新建工程"),
    ]
    .map(|(s, n)| (s.to_string(), n.to_string()));
    assert_eq!(got, want);
    no_records("某区民生实事\n□ 记者张三\n★城镇新增就业(人)\n★城镇登记失业率控制在4.3%以内\n");
}

/// A government work report lists its tasks, but the projects it counts
/// just above a list (`今年，我们将继续办好十件实事。`) are projects.
#[test]
fn projects_a_work_report_counts_above_its_list() {
    let text = "2013年某市政府工作报告\n\
        今年，我们将继续办好十件实事。\n\
        1、缓解市民出行难题。开通25条微循环公交线路，增加中型公交车辆300台。\n\
        2、提升市容环境质量。建设绿道200公里。\n\
        3、强化养老服务。城乡居民社会养老保险基础养老金增加20%。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let names: Vec<String> = doc.records.iter().filter_map(|r| r.name.clone()).collect();
    assert_eq!(
        names,
        strings(&["缓解市民出行难题", "提升市容环境质量", "强化养老服务"])
    );
    // Without the count above, the report's numbered points are its tasks.
    no_records(
        "2013年某市政府工作报告\n今年，我们将着力抓好以下工作。\n\
        1、缓解市民出行难题。开通25条微循环公交线路。\n\
        2、提升市容环境质量。建设绿道200公里。\n\
        3、强化养老服务。基础养老金增加20%。\n",
    );
}

#[test]
fn units_named_with_a_verb_instead_of_a_label() {
    let text = "2014年承诺的15件民生实事全部完成\n\
        (一)开工建设50处农村学校食堂。(市教育局负责)\n完成情况:50处食堂已全部开工建设。\n\
        (二)开展城乡环卫一体化提升行动。(市委农办、市城管局负责)\n完成情况:新组建农村环卫所70处。\n\
        (三)为600个行政村配建健身器材。(市体育局牵头，各县区配合)\n完成情况:已全部配建。\n\
        (四)改造农村公路。主要内容:由县交通运输局牵头，改造农村公路50公里。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let got: Vec<(String, Vec<String>, Vec<String>)> = doc
        .records
        .iter()
        .map(|r| {
            (
                r.target.clone().unwrap_or_default(),
                r.lead_units.clone(),
                r.partner_units.clone(),
            )
        })
        .collect();
    let want = vec![
        (
            "开工建设50处农村学校食堂。".to_string(),
            strings(&["市教育局"]),
            vec![],
        ),
        (
            "开展城乡环卫一体化提升行动。".to_string(),
            strings(&["市委农办", "市城管局"]),
            vec![],
        ),
        (
            "为600个行政村配建健身器材。".to_string(),
            strings(&["市体育局"]),
            strings(&["各县区"]),
        ),
        (
            "主要内容:由县交通运输局牵头，改造农村公路50公里。".to_string(),
            strings(&["县交通运输局"]),
            vec![],
        ),
    ];
    assert_eq!(got, want);
    assert_eq!(
        doc.records[0].result.as_deref(),
        Some("50处食堂已全部开工建设。")
    );
    // A bracket of words that are no units stays in the item.
    let doc = extract(
        "2024年民生实事项目\n1.新建公园3个(群众最关心的项目)。\n2.改造道路5条(市民负责监督)。\n"
            .as_bytes(),
        "n.txt",
    );
    if let Ok(doc) = doc {
        assert!(doc.records.iter().all(|r| r.lead_units.is_empty()));
    }
}

#[test]
fn an_item_alone_under_its_heading_is_the_headings_content() {
    let text =
        "某市2024年民生实事完成情况\n一、省重点民生实事完成情况\n(一)开展职业技能培训和评价取证\n\
        1.全年开展职业技能培训4.7万人次以上。\n责任单位:市人力资源和社会保障局\n\
        (二)改善义务教育学校办学条件\n2.大幅改善4所学校办学条件。\n责任单位:市教育局\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let got: Vec<(String, String, String, Option<String>)> = doc
        .records
        .iter()
        .map(|r| {
            (
                r.seq.clone().unwrap_or_default(),
                r.name.clone().unwrap_or_default(),
                r.target.clone().unwrap_or_default(),
                r.section.clone(),
            )
        })
        .collect();
    let section = Some("省重点民生实事完成情况".to_string());
    assert_eq!(
        got,
        vec![
            (
                "1".to_string(),
                "开展职业技能培训和评价取证".to_string(),
                "全年开展职业技能培训4.7万人次以上。".to_string(),
                section.clone()
            ),
            (
                "2".to_string(),
                "改善义务教育学校办学条件".to_string(),
                "大幅改善4所学校办学条件。".to_string(),
                section
            ),
        ]
    );
    // A heading that groups items by field names none, however few it holds.
    let text =
        "某县2024年民生实事项目\n一、教育类（共1项）\n1.新建实验小学。（牵头单位：县教育局）\n\
        二、医疗类（共1项）\n2.新建县医院。（牵头单位：县卫健局）\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    assert_eq!(
        seqs_and_names(&doc),
        pairs(&[("1", "新建实验小学"), ("2", "新建县医院")])
    );
}

#[test]
fn sub_items_numbered_again_under_several_items() {
    // `（一）（二）` restarting under 三 and 四, while 一 and 二 hold their
    // own content: sub-items of the items, not the projects.
    let text = "今年将继续为民办25项实事。这25项实事的主要内容是——\n\
        一、实施造福工程易地扶贫搬迁工程，全省全年完成10万人搬迁任务。\n\
        二、提高农村居民最低生活保障标准。\n\
        三、治理“餐桌污染”，建设“食品放心工程”。\n\
        （一）强化食品监管，确保抽检合格率达97.5%以上。\n（二）增创2条省级食品安全示范街。\n\
        四、推进养老服务工程建设。\n（一）建设300个农村幸福院。\n（二）新增养老床位5000张。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    assert_eq!(
        seqs_and_names(&doc),
        pairs(&[
            (
                "一",
                "实施造福工程易地扶贫搬迁工程，全省全年完成10万人搬迁任务"
            ),
            ("二", "提高农村居民最低生活保障标准"),
            ("三", "治理“餐桌污染”，建设“食品放心工程”"),
            ("四", "推进养老服务工程建设"),
        ])
    );
    let t = doc.records[3].target.as_deref().unwrap_or("");
    assert!(
        t.contains("建设300个农村幸福院") && t.contains("5000张"),
        "{t}"
    );
}

#[test]
fn the_projects_year_not_the_date_of_the_page() {
    // A vote held in December for next year's projects, a report published
    // the year after: the year of the projects is the one that names them.
    let text = "2022年12月27日\n经代表投票表决，区政府2023年民生实事项目确定如下：\n\
        一、新民社区建设项目；\n二、新、改建移动公厕项目；\n三、老南门片区城市更新项目。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    assert_eq!(doc.notice.year, Some(2023));
    let text = "2015年01月23日 来源:某报\n目前2014年承诺的15件实事已经全部完成。\n\
        (一)开工建设50处农村学校食堂。(市教育局负责)\n(二)开展城乡环卫一体化提升行动。(市城管局负责)\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    assert_eq!(doc.notice.year, Some(2014));
}

#[test]
fn a_first_clause_that_names_the_project() {
    let text = "2018年山福镇10项民生实事项目分别是:低保暖心工程,为辖区431户低保对象投保意外保险;\
        交通惠民工程,新建停车位200个以上;道路提升工程,完成临江东西街道路提升改造;\
        实施扩大教育资源项目,新建幼儿园3所。\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let names: Vec<String> = doc.records.iter().filter_map(|r| r.name.clone()).collect();
    assert_eq!(
        names,
        strings(&[
            "低保暖心工程",
            "交通惠民工程",
            "道路提升工程",
            // A statement of the work is its own name.
            "实施扩大教育资源项目,新建幼儿园3所",
        ])
    );
    assert_eq!(
        doc.records[0].target.as_deref(),
        Some("低保暖心工程,为辖区431户低保对象投保意外保险")
    );
}

#[test]
fn labelled_lines_under_items_are_no_table() {
    // `牵头单位：…` / `配合单位：…` lines repeat like a one-cell-per-line
    // table's header words, but carry their values: they are the items' units.
    let text = "未央区2017年民生提升重点工作任务\n一、持续推进治污减霾\n\
        1. 完成市上下达的燃煤锅炉拆改任务。\n牵头单位:环保未央分局\n配合单位:各街道办事处\n\
        2. 新建4个绿地广场，新增绿地50万平方米。\n牵头单位:区林业园林局\n配合单位:各相关街道办事处\n\
        二、持续推进缓堵保畅\n3. 新建停车泊位1000个。\n牵头单位:区交通运输局\n配合单位:交警未央大队\n";
    let doc = extract(text.as_bytes(), "n.txt").expect("records");
    let got: Vec<(String, Vec<String>)> = doc
        .records
        .iter()
        .map(|r| (r.seq.clone().unwrap_or_default(), r.lead_units.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("1".to_string(), strings(&["环保未央分局"])),
            ("2".to_string(), strings(&["区林业园林局"])),
            ("3".to_string(), strings(&["区交通运输局"])),
        ]
    );
}

#[test]
fn a_work_reports_breakdown_is_no_list_of_projects() {
    // Economic targets with their units, in a notice that breaks down the
    // government work report and names no livelihood project.
    no_records(
        "县人民政府办公室关于对县《政府工作报告》确定的2021年重点工作进行责任分解的通知\n\
         (一)地区生产总值增长11%。[牵头单位:县发改局;责任单位:各镇]\n\
         (二)地方公共预算收入增长32%。[牵头单位:县财政局;责任单位:各镇]\n\
         (三)规模以上工业增加值增长11.5%。[牵头单位:县科经局;责任单位:各镇]\n",
    );
    // Its own parts in directive phrases are none either.
    no_records(
        "关于印发《2023年区政府工作报告重点工作分工方案》的通知\n一、提高政治站位,强化担当意识。各单位要认真落实。\n\
         二、狠抓工作落实,确保任务完成。各单位要明确责任。\n三、强化沟通协作,形成工作合力。各单位要加强配合。\n",
    );
}
