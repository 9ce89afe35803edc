//! Layouts met in notices beyond the five seeds, each written here as a small
//! notice of our own in the same layout, with the records it must give.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a failure stops loudly

use notice_extract::extract;

/// A county notice saved from its web page (cell per line): one column holds
/// the whole item (实事项目), a unit list is printed one paragraph per unit,
/// an item has a second row without its number, and deadlines name an action
/// after the month (`8月投入使用`).
const ONE_COLUMN_ITEMS: &str = "某县人民政府办公室关于印发2016年民生实事目标任务分解表的通知

某府办〔2016〕3号

附件

2016年民生实事目标任务分解表

序号

实事项目

责任单位

完成时限

1

修缮城区老旧排水管网。

县水务局

县住建局

县城投公司

10月底前

2

新建1座公共停车场。

县住建局

8月投入使用

3

建成县老年活动中心。

县民政局

6月底前动工

新建社区食堂3个。

12月底前

4

改造县第二中学运动场。

县教育局

12月底前

5

迁建县便民服务中心。

县便民服务中心

县代建中心

11月底前

6

更换城区路灯200盏。

县城管局

9月底前
";

/// seq, part, name, lead units, deadline.
type Row<'a> = (
    Option<&'a str>,
    u32,
    Option<&'a str>,
    Vec<&'a str>,
    Option<&'a str>,
);

#[test]
fn one_column_items_with_paragraph_cells_and_unnumbered_rows() {
    let doc = extract(ONE_COLUMN_ITEMS.as_bytes(), "items.txt").expect("parses");
    assert_eq!(doc.notice.year, Some(2016));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    let rows: Vec<Row> = doc
        .records
        .iter()
        .map(|r| {
            (
                r.seq.as_deref(),
                r.part,
                r.name.as_deref(),
                r.lead_units.iter().map(String::as_str).collect(),
                r.deadline.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (
                Some("1"),
                1,
                Some("修缮城区老旧排水管网。"),
                vec!["县水务局", "县住建局", "县城投公司"],
                Some("2016-10")
            ),
            (
                Some("2"),
                1,
                Some("新建1座公共停车场。"),
                vec!["县住建局"],
                Some("2016-08")
            ),
            (
                Some("3"),
                1,
                Some("建成县老年活动中心。"),
                vec!["县民政局"],
                Some("2016-06")
            ),
            (
                Some("3"),
                2,
                Some("新建社区食堂3个。"),
                vec!["县民政局"],
                Some("2016-12")
            ),
            (
                Some("4"),
                1,
                Some("改造县第二中学运动场。"),
                vec!["县教育局"],
                Some("2016-12")
            ),
            (
                Some("5"),
                1,
                Some("迁建县便民服务中心。"),
                vec!["县便民服务中心", "县代建中心"],
                Some("2016-11")
            ),
            (
                Some("6"),
                1,
                Some("更换城区路灯200盏。"),
                vec!["县城管局"],
                Some("2016-09")
            ),
        ]
    );
    // The second row of item 3 has its number and unit from the row above.
    assert_eq!(doc.records[3].source.inherited, vec!["seq", "lead_units"]);
    // Ten items counted once each: six projects in seven rows.
    assert_eq!(doc.records.iter().filter(|r| r.part == 1).count(), 6);
    // A deadline cell that says more than the month keeps its words.
    assert_eq!(
        doc.records[1]
            .extra
            .get("完成时限")
            .and_then(|v| v.as_str()),
        Some("8月投入使用")
    );
    assert!(doc.records[0].extra.is_empty());
    // With no target column, the item's own words are its target.
    let q: Vec<(f64, &str, Option<&str>, Option<&str>)> = doc
        .records
        .iter()
        .flat_map(|r| &r.quantities)
        .map(|q| {
            (
                q.value.get(),
                q.unit.as_str(),
                q.object.as_deref(),
                q.field.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        q,
        vec![
            (1.0, "座", Some("公共停车场"), Some("name")),
            (3.0, "个", Some("社区食堂"), Some("name")),
            (200.0, "盏", Some("城区路灯"), Some("name")),
        ]
    );
}

/// A numbered list whose items state their units and deadline by label, in
/// brackets or after the sentence, instead of `名称:目标`.
const LABELLED_ITEMS: &str = "某区2023年为民办实事项目

1、新建公共停车场2座，新增停车位300个。（牵头单位：区住建委；完成时限：2023年10月）
2、改造老旧小区5个，惠及居民1200户。责任单位：区住建委、各街道。
3、完成农村公路提质改造50公里。（牵头单位：区交通局；配合单位：各镇；完成时限：年底前建成）
";

/// seq, name, lead units, partner units, deadline.
type Item<'a> = (
    &'a str,
    &'a str,
    Vec<&'a str>,
    Vec<&'a str>,
    Option<&'a str>,
);

#[test]
fn numbered_items_with_labelled_units() {
    let doc = extract(LABELLED_ITEMS.as_bytes(), "list.txt").expect("parses");
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    let got: Vec<Item> = doc
        .records
        .iter()
        .map(|r| {
            (
                r.seq.as_deref().unwrap_or(""),
                r.name.as_deref().unwrap_or(""),
                r.lead_units.iter().map(String::as_str).collect(),
                r.partner_units.iter().map(String::as_str).collect(),
                r.deadline.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "1",
                "新建公共停车场2座，新增停车位300个",
                vec!["区住建委"],
                vec![],
                Some("2023-10")
            ),
            (
                "2",
                "改造老旧小区5个，惠及居民1200户",
                vec!["区住建委", "各街道"],
                vec![],
                None
            ),
            (
                "3",
                "完成农村公路提质改造50公里",
                vec!["区交通局"],
                vec!["各镇"],
                Some("2023-12")
            ),
        ]
    );
    // The deadline's words are kept when they say more than the month.
    assert_eq!(
        doc.records[2]
            .extra
            .get("完成时限")
            .and_then(|v| v.as_str()),
        Some("年底前建成")
    );
    let units: Vec<&str> = doc
        .records
        .iter()
        .flat_map(|r| &r.quantities)
        .map(|q| q.unit.as_str())
        .collect();
    assert_eq!(units, vec!["座", "个", "个", "户", "公里"]);
    let table = &doc.tables[0];
    assert_eq!(table.projects, 3);
    assert!(table.header.iter().any(|h| h == "牵头单位"));
}

/// Rows copied out of a spreadsheet: tab-separated, and a cell holding line
/// breaks comes in double quotes.
#[test]
fn spreadsheet_rows_with_quoted_cells() {
    let text = "某县2023年民生实事项目表\n序号\t项目名称\t目标任务\t牵头单位\t完成时限\n\
        1\t停车场建设\t新建公共停车场2座\t\"县住建局\n县城投公司\"\t2023年10月\n\
        2\t农村公路\t\"完成农村公路提质改造50公里，\n新建桥梁2座\"\t县交通局\t2023年11月\n";
    let doc = extract(text.as_bytes(), "paste.txt").expect("parses");
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    assert_eq!(doc.records.len(), 2);
    assert_eq!(doc.records[0].lead_units, vec!["县住建局", "县城投公司"]);
    assert_eq!(doc.records[0].deadline.as_deref(), Some("2023-10"));
    assert_eq!(
        doc.records[1].target.as_deref(),
        Some("完成农村公路提质改造50公里，\n新建桥梁2座")
    );
    assert_eq!(doc.records[1].source.line, Some(5));
    assert_eq!(doc.records[1].quantities.len(), 2);
}

/// A table that prints its title and its unit note in its own first rows (as
/// Word and Excel tables often do) before the header row.
#[test]
fn title_and_unit_rows_inside_the_table() {
    let page = r#"<html><head><meta charset="utf-8"></head><body>
        <p>某区人民政府关于2024年重点民生实事的通知</p>
        <table border="1">
        <tr><td colspan="4">某区2024年重点民生实事项目表</td></tr>
        <tr><td></td><td></td><td></td><td>单位：万元</td></tr>
        <tr><th>序号</th><th>项目名称</th><th>总投资</th><th>责任单位</th></tr>
        <tr><td>1</td><td>停车场建设</td><td>1200</td><td>区住建委</td></tr>
        <tr><td>2</td><td>农村公路</td><td>3500</td><td>区交通局</td></tr>
        </table></body></html>"#;
    let doc = extract(page.as_bytes(), "page.html").expect("parses");
    assert_eq!(doc.records.len(), 2);
    let t = &doc.tables[0];
    assert_eq!(t.title.as_deref(), Some("某区2024年重点民生实事项目表"));
    assert_eq!(t.header, vec!["序号", "项目名称", "总投资", "责任单位"]);
    let inv = doc.records[1].investment.as_ref().expect("investment");
    assert_eq!(inv.value.as_f64(), Some(3500.0));
    assert_eq!(inv.unit.as_deref(), Some("万元"));
    assert_eq!(doc.records[1].lead_units, vec!["区交通局"]);
}

/// Items numbered with Chinese numerals (`一、`) are projects when they name
/// their units by label; a notice's own sections numbered so, even with
/// `标题：正文`, are not.
#[test]
fn chinese_numbered_items_and_sections() {
    let items = "某县2023年为民办实事项目\n\n\
        一、新建城区公共停车场2座。（牵头单位：县住建局；完成时限：2023年10月）\n\
        二、改造老旧小区5个。（牵头单位：县住建局）\n\
        三、完成农村公路提质改造50公里。（牵头单位：县交通运输局）\n";
    let doc = extract(items.as_bytes(), "items.txt").expect("parses");
    let got: Vec<(&str, &str)> = doc
        .records
        .iter()
        .map(|r| {
            (
                r.seq.as_deref().unwrap_or(""),
                r.lead_units.first().map_or("", String::as_str),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("一", "县住建局"),
            ("二", "县住建局"),
            ("三", "县交通运输局")
        ]
    );
    assert_eq!(doc.records[0].deadline.as_deref(), Some("2023-10"));

    let prose = "关于做好2023年民生工作的通知\n\n\
        一、总体要求：坚持以人民为中心的发展思想。\n\
        二、主要任务：抓好就业、教育、医疗等民生工作。\n\
        三、保障措施：加强组织领导。\n";
    let err = extract(prose.as_bytes(), "prose.txt").expect_err("no projects");
    assert!(err.to_string().contains("no project table"), "{err}");
}

/// The records of a notice as (seq, part, name, lead units, deadline).
fn summary(doc: &notice_extract::NoticeDocument) -> Vec<(String, u32, String, String, String)> {
    doc.records
        .iter()
        .map(|r| {
            (
                r.seq.clone().unwrap_or_default(),
                r.part,
                r.name.clone().unwrap_or_default(),
                r.lead_units.join("、"),
                r.deadline.clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn row(
    seq: &str,
    part: u32,
    name: &str,
    lead: &str,
    deadline: &str,
) -> (String, u32, String, String, String) {
    (seq.into(), part, name.into(), lead.into(), deadline.into())
}

/// A work plan rather than a 民生实事 list: the item is worded under 工作任务
/// (no name column), units under 负责单位, the deadline under 计划完成时间.
#[test]
fn work_plan_headers_name_the_item() {
    let text = "某县2024年民生工作任务分解表\n\
        | 序号 | 工作任务 | 负责单位 | 计划完成时间 |\n\
        | 1 | 新建城区公共停车场2座 | 县住建局 | 2024年10月 |\n\
        | 2 | 改造老旧小区5个 | 县住建局、县城投公司 | 2024年12月 |\n";
    let doc = extract(text.as_bytes(), "plan.txt").expect("parses");
    assert_eq!(
        summary(&doc),
        vec![
            row("1", 1, "新建城区公共停车场2座", "县住建局", "2024-10"),
            row("2", 1, "改造老旧小区5个", "县住建局、县城投公司", "2024-12"),
        ]
    );
    // Beside a name column the same header is the target.
    let text = "某县2024年重点工作表\n\
        | 序号 | 项目名称 | 建设内容 | 实施单位 |\n\
        | 1 | 停车场建设 | 新建公共停车场2座 | 县住建局 |\n\
        | 2 | 农村公路 | 完成农村公路改造50公里 | 县交通局 |\n";
    let doc = extract(text.as_bytes(), "plan.txt").expect("parses");
    assert_eq!(doc.records[1].name.as_deref(), Some("农村公路"));
    assert_eq!(
        doc.records[1].target.as_deref(),
        Some("完成农村公路改造50公里")
    );
    assert_eq!(doc.records[1].lead_units, vec!["县交通局"]);
}

/// No column holds the sequence number: it is printed inside the name cell.
#[test]
fn sequence_number_inside_the_name_cell() {
    let text = "某区2024年改革举措清单\n\
        | 改革举措 | 指导部门 | 完成时限 |\n\
        | 1.老旧小区改造提升项目 | 区住建委 | 2024年12月 |\n\
        | 2、社区食堂建设 | 区民政局 | 2024年9月 |\n\
        | （3）1.5万户燃气管道更新 | 区城管局 | 2024年11月 |\n";
    let doc = extract(text.as_bytes(), "reform.txt").expect("parses");
    assert_eq!(
        summary(&doc),
        vec![
            row("1", 1, "老旧小区改造提升项目", "区住建委", "2024-12"),
            row("2", 1, "社区食堂建设", "区民政局", "2024-09"),
            row("3", 1, "1.5万户燃气管道更新", "区城管局", "2024-11"),
        ]
    );
}

/// Row-per-line tables whose second row of a project prints only some
/// cells: padding pipes after the last cell (`… | ||`), or, pasted from a
/// spreadsheet, blank number and name cells that are not the leading ones.
#[test]
fn continuation_rows_in_row_per_line_tables() {
    let text = "某县2024年民生实事项目表\n\
        序号 | 项目名称 | 目标任务 | 牵头单位 | 完成时限 |\n\
        1 | 停车场建设 | 新建公共停车场2座，新增车位300个 | 县住建局 | 2024年10月 |\n\
        新建充电桩50个 | 县供电公司 | 2024年12月 | ||\n\
        2 | 农村公路 | 完成农村公路提质改造50公里 | 县交通局 | 2024年11月 |\n\
        3 | 社区食堂 | 新建社区食堂3个 | 县民政局 | 2024年9月 |\n";
    let doc = extract(text.as_bytes(), "rows.txt").expect("parses");
    assert_eq!(
        summary(&doc),
        vec![
            row("1", 1, "停车场建设", "县住建局", "2024-10"),
            row("1", 2, "停车场建设", "县供电公司", "2024-12"),
            row("2", 1, "农村公路", "县交通局", "2024-11"),
            row("3", 1, "社区食堂", "县民政局", "2024-09"),
        ]
    );
    assert_eq!(doc.records[1].target.as_deref(), Some("新建充电桩50个"));

    let tsv = "某县2024年民生实事项目表\n\
        序号\t牵头单位\t项目名称\t目标任务\t完成时限\n\
        1\t县住建局\t停车场建设\t新建公共停车场2座\t2024年10月\n\
        \t县供电公司\t\t新建充电桩50个\t2024年12月\n\
        2\t县交通局\t农村公路\t完成农村公路改造50公里\t2024年11月\n";
    let doc = extract(tsv.as_bytes(), "rows.tsv.txt").expect("parses");
    assert_eq!(
        summary(&doc),
        vec![
            row("1", 1, "停车场建设", "县住建局", "2024-10"),
            row("1", 2, "停车场建设", "县供电公司", "2024-12"),
            row("2", 1, "农村公路", "县交通局", "2024-11"),
        ]
    );
}

/// A page saved with its metadata block, the table's title and a note all
/// printed as pipe rows around the project table.
#[test]
fn metadata_title_and_note_rows_glued_to_a_pipe_table() {
    let text = "某区人民政府办公室关于印发2024年重点民生实事的通知\n\
        索引号 | 11500-2024-00012 | 公开方式 | 主动公开 |\n\
        发文字号 | 某府办发〔2024〕5号 | 成文日期 | 2024-03-01 |\n\
        某区2024年重点民生实事项目表 | |||\n\
        序号 | 项目名称 | 牵头单位 | 完成时限 |\n\
        1 | 停车场建设 | 区住建委 | 2024年10月 |\n\
        2 | 农村公路 | 区交通局 | 2024年11月 |\n\
        注：以上项目资金由区财政统筹安排。 | |||\n\
        发布单位 | 某区人民政府办公室 | 发文日期 | 2024-03-02 |\n";
    let doc = extract(text.as_bytes(), "glued.txt").expect("parses");
    assert_eq!(
        summary(&doc),
        vec![
            row("1", 1, "停车场建设", "区住建委", "2024-10"),
            row("2", 1, "农村公路", "区交通局", "2024-11"),
        ]
    );
    assert_eq!(
        doc.notice.doc_number.as_deref(),
        Some("某府办发〔2024〕5号")
    );
    assert_eq!(doc.notice.date.as_deref(), Some("2024-03-01"));
    assert_eq!(
        doc.tables[0].title.as_deref(),
        Some("某区2024年重点民生实事项目表")
    );
    assert_eq!(
        doc.tables[0].header,
        vec!["序号", "项目名称", "牵头单位", "完成时限"]
    );
    // Every metadata row, above the table or below it, is read as metadata.
    let model = notice_extract::internals::parse_text(text);
    let labels: Vec<(&str, &str)> = model
        .metadata
        .iter()
        .map(|m| (m.label.as_str(), m.value.as_str()))
        .collect();
    assert_eq!(
        labels,
        vec![
            ("索引号", "11500-2024-00012"),
            ("公开方式", "主动公开"),
            ("发文字号", "某府办发〔2024〕5号"),
            ("成文日期", "2024-03-01"),
            ("发布单位", "某区人民政府办公室"),
            ("发文日期", "2024-03-02"),
        ]
    );
    // The notice's title, the table's title, the table, the note.
    assert_eq!(model.blocks.len(), 4, "{:?}", model.blocks);

    // The same page with one cell per line.
    let cells = "某区人民政府办公室关于印发2024年重点民生实事的通知\n\
        发文字号 |\n某府办发〔2024〕5号 |\n成文日期 |\n2024-03-01 | ||\n\
        某区2024年重点民生实事项目表 | |||\n\
        序号 |\n项目名称 |\n牵头单位 |\n完成时限 |\n\
        1 |\n停车场建设 |\n区住建委 |\n2024年10月 |\n\
        2 |\n农村公路 |\n区交通局 |\n2024年11月 |\n\
        注：以上项目资金由区财政统筹安排。 | |||\n";
    let doc = extract(cells.as_bytes(), "glued-cells.txt").expect("parses");
    assert_eq!(doc.records.len(), 2, "{:?}", summary(&doc));
    assert_eq!(doc.records[1].lead_units, vec!["区交通局"]);
    assert_eq!(
        doc.notice.doc_number.as_deref(),
        Some("某府办发〔2024〕5号")
    );
    assert_eq!(
        doc.tables[0].title.as_deref(),
        Some("某区2024年重点民生实事项目表")
    );
}

/// One cell per line ending in pipes, a two-row header whose second row holds
/// only the sub-columns of a group (本月进展情况 over 前期手续 | 在建形象进度),
/// while 项目名称 spans a name and a sub-item column with nothing under it.
#[test]
fn two_row_header_with_a_group_and_a_spanning_name() {
    let text = "某区2024年民生实事项目进度表\n\
        序号 |\n牵头单位 |\n项目名称 |\n业主单位 |\n本月进展情况 |\n||\n\
        前期手续 |\n在建形象进度 |\n|||||\n\
        1 |\n区住建局 |\n道路畅通行动 |\n1.文化中心北路 |\n区城投公司 |\n已完工 |\n|\n\
        2.乐业路 |\n区城管局 |\n已完工 |\n|||||\n\
        2 |\n区城管局 |\n（一）井盖整治项目 |\n区城管局 |\n已完工 |\n||\n\
        （二）燃气安全装置更换 |\n区城管局 |\n已完工 |\n|||||\n";
    let doc = extract(text.as_bytes(), "progress.txt").expect("parses");
    let t = &doc.tables[0];
    assert_eq!(
        t.header,
        vec![
            "序号",
            "牵头单位",
            "项目名称",
            "项目名称",
            "业主单位",
            "前期手续",
            "在建形象进度"
        ]
    );
    let got: Vec<(&str, &str, &str, &str)> = doc
        .records
        .iter()
        .map(|r| {
            (
                r.seq.as_deref().unwrap_or(""),
                r.name.as_deref().unwrap_or(""),
                r.subproject.as_deref().unwrap_or(""),
                r.lead_units.first().map_or("", String::as_str),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("1", "道路畅通行动", "1.文化中心北路", "区住建局"),
            ("1", "道路畅通行动", "2.乐业路", "区住建局"),
            ("2", "（一）井盖整治项目", "", "区城管局"),
            ("2", "（二）燃气安全装置更换", "", "区城管局"),
        ]
    );
    assert_eq!(doc.records[3].part, 2);
    assert_eq!(doc.records[2].partner_units, vec!["区城管局"]);
}

/// Header cells printed in traditional characters start a table in the
/// cell-per-line and the pipe layouts alike.
#[test]
fn headers_in_traditional_script() {
    let cells = "某縣2016年民生實事目標任務分解表\n\n序號\n\n項目名稱\n\n責任單位\n\n完成時限\n\n\
        1\n\n新建公共停車場2座\n\n縣住建局\n\n10月底前\n\n\
        2\n\n改造老舊小區5個\n\n縣住建局\n\n12月底前\n";
    let doc = extract(cells.as_bytes(), "trad.txt").expect("parses");
    assert_eq!(doc.source.layout, "cell_per_line");
    assert_eq!(doc.records.len(), 2);
    assert_eq!(doc.records[1].lead_units, vec!["縣住建局"]);
    assert_eq!(doc.records[1].deadline.as_deref(), Some("2016-12"));

    let pipes = "某縣2016年民生實事目標任務分解表\n\
        序號 | 項目名稱 | 責任單位 | 完成時限 |\n\
        1 | 新建公共停車場2座 | 縣住建局 | 10月底前 |\n\
        2 | 改造老舊小區5個 | 縣住建局 | 12月底前 |\n";
    let doc = extract(pipes.as_bytes(), "trad-pipes.txt").expect("parses");
    assert_eq!(doc.records.len(), 2);
    assert_eq!(doc.records[0].name.as_deref(), Some("新建公共停車場2座"));
    assert_eq!(doc.records[0].lead_units, vec!["縣住建局"]);
}

/// Rows pasted from a spreadsheet with the sheet's title row above the
/// header and a note row under the table.
#[test]
fn title_and_note_rows_of_a_pasted_sheet() {
    let text = "某县2024年民生实事项目表\t\t\t\n\
        序号\t项目名称\t牵头单位\t完成时限\n\
        1\t停车场建设\t县住建局\t2024年10月\n\
        2\t农村公路\t县交通局\t2024年11月\n\
        注：以上项目资金由县财政统筹安排。\t\t\t\n";
    let doc = extract(text.as_bytes(), "sheet.txt").expect("parses");
    assert_eq!(
        summary(&doc),
        vec![
            row("1", 1, "停车场建设", "县住建局", "2024-10"),
            row("2", 1, "农村公路", "县交通局", "2024-11"),
        ]
    );
    assert_eq!(
        doc.tables[0].title.as_deref(),
        Some("某县2024年民生实事项目表")
    );
}

/// An exporter's table whose second header row is read as data and whose
/// last row is cut off: rows that name nothing give no records.
#[test]
fn rows_that_name_nothing_give_no_record() {
    let text = "某区2016年为民办实事项目进展情况一览表\n\
        | 序号 | 项目名称 | 内容和目标 | 进展情况 | 承办单位 |\n\
        |  |  |  | 最新进展 | 主办 |\n\
        | 1 | 停车场建设 | 新建停车场2座 | 已完工 | 区住建局 |\n\
        |  |  |  |  |  |\n";
    let doc = extract(text.as_bytes(), "cut.txt").expect("parses");
    assert_eq!(doc.records.len(), 1);
    assert_eq!(doc.records[0].name.as_deref(), Some("停车场建设"));
}

/// A merged two-row header printed with a cell per column: the top row
/// leaves blank the columns its groups span, the second row names only the
/// columns under them (markdown rows, and rows pasted from a sheet).
#[test]
fn two_row_header_with_blank_spanned_cells() {
    let md = "某区2016年为民办实事项目进展情况一览表\n\
        | 序号 | 项目名称 | 进展情况 |  | 承办单位 |  |\n\
        |  |  | 至8月10日进展 | 最新进展 | 主办 | 协办 |\n\
        | 1 | 停车场建设 | 完成设计 | 已开工 | 区住建局 | 区城投公司 |\n\
        | 2 | 农村公路 | 完成招标 | 完成50% | 区交通局 | — |\n";
    let tsv = "某区2016年为民办实事项目进展情况一览表\n\
        序号\t项目名称\t进展情况\t\t承办单位\t\n\
        \t\t至8月10日进展\t最新进展\t主办\t协办\n\
        1\t停车场建设\t完成设计\t已开工\t区住建局\t区城投公司\n\
        2\t农村公路\t完成招标\t完成50%\t区交通局\t—\n"
        .to_string();
    for (text, name) in [(md.to_string(), "md.txt"), (tsv, "sheet.txt")] {
        let doc = extract(text.as_bytes(), name).expect("parses");
        let t = &doc.tables[0];
        assert_eq!(
            t.header,
            vec![
                "序号",
                "项目名称",
                "至8月10日进展",
                "最新进展",
                "主办",
                "协办"
            ],
            "{name}"
        );
        assert_eq!(
            summary(&doc),
            vec![
                row("1", 1, "停车场建设", "区住建局", ""),
                row("2", 1, "农村公路", "区交通局", ""),
            ],
            "{name}"
        );
        assert_eq!(doc.records[0].partner_units, vec!["区城投公司"], "{name}");
    }
}

/// A page saved cut short in the middle of a row (one cell per line, the
/// last cells missing): the row does not borrow the name of the project
/// above, and a row left with only its number gives no record.
#[test]
fn row_cut_short_borrows_no_name() {
    let text = "某区2024年民生实事项目表\n\
        序号 |\n项目名称 |\n牵头单位 |\n完成时限 |\n\
        1 |\n停车场建设 |\n区住建委 |\n2024年10月 |\n\
        2 |\n农村公路 |\n区交通局 |\n2024年11月 |\n\
        3 |\n河道整治 |\n";
    let doc = extract(text.as_bytes(), "cut.txt").expect("parses");
    assert_eq!(
        summary(&doc),
        vec![
            row("1", 1, "停车场建设", "区住建委", "2024-10"),
            row("2", 1, "农村公路", "区交通局", "2024-11"),
            row("3", 1, "河道整治", "", ""),
        ]
    );
    let only_number = text.replace("河道整治 |\n", "");
    let doc = extract(only_number.as_bytes(), "cut.txt").expect("parses");
    assert_eq!(doc.records.len(), 2, "{:?}", summary(&doc));
}

/// Rows pasted from a sheet that leave out the cells merged from the row
/// above (`新建充电桩50个\t县供电公司\t2024年12月`), or drop their trailing empty
/// cells: the first continue the project above, the second keep their cells.
#[test]
fn short_rows_of_a_pasted_sheet() {
    let text = "某县2024年民生实事项目表\n\
        序号\t项目名称\t目标任务\t牵头单位\t完成时限\n\
        1\t停车场建设\t新建公共停车场2座，新增车位300个\t县住建局\t2024年10月\n\
        新建充电桩50个\t县供电公司\t2024年12月\n\
        2\t农村公路\t完成农村公路提质改造50公里\t县交通局\t2024年11月\n\
        3\t社区食堂\t新建社区食堂3个\n";
    let doc = extract(text.as_bytes(), "sheet.txt").expect("parses");
    assert_eq!(
        summary(&doc),
        vec![
            row("1", 1, "停车场建设", "县住建局", "2024-10"),
            row("1", 2, "停车场建设", "县供电公司", "2024-12"),
            row("2", 1, "农村公路", "县交通局", "2024-11"),
            row("3", 1, "社区食堂", "", ""),
        ]
    );
    assert_eq!(doc.records[1].target.as_deref(), Some("新建充电桩50个"));
}

/// The table's title and its unit note printed as pipe rows of one cell
/// above the header: the title names the table, the unit applies to the
/// investment column.
#[test]
fn title_and_unit_rows_printed_as_pipe_rows() {
    let text = "某区人民政府关于2024年重点民生实事的通知\n\
        某区2024年重点民生实事项目表 | |||\n\
        单位：万元 | |||\n\
        序号 | 项目名称 | 总投资 | 责任单位 |\n\
        1 | 停车场建设 | 1200 | 区住建委 |\n\
        2 | 农村公路 | 3500 | 区交通局 |\n";
    let doc = extract(text.as_bytes(), "unit.txt").expect("parses");
    assert_eq!(
        doc.tables[0].title.as_deref(),
        Some("某区2024年重点民生实事项目表")
    );
    let inv = doc.records[1].investment.as_ref().expect("investment");
    assert_eq!(inv.value.as_f64(), Some(3500.0));
    assert_eq!(inv.unit.as_deref(), Some("万元"));
    assert_eq!(doc.records[1].lead_units, vec!["区交通局"]);
}

/// A progress report printed one cell per line, whose first column (the
/// task the items fall under) is merged over rows printed on an earlier
/// page: every row prints one cell fewer than the header, a row's end pipe
/// may stand on a line of its own (`|`), and no row is complete. The header
/// says what each column holds, so the unit lands under 牵头单位, not under
/// the leader's column, and the item under 全年目标任务.
#[test]
fn rows_short_of_a_merged_column_with_no_complete_row() {
    let text = "某区2023年重点民生实事项目推进情况\n\
        序号 |\n主要任务 |\n全年目标任务 |\n分管 领导 |\n牵头 单位 |\n责任主体与协同单位 |\n\
        1-10月推进情况 |\n是否达序 |\n说明 |\n\
        7 |\n新建口袋公园5个。 |\n张某 |\n区城管局 |\n区住建局、相关街道 |\n已完成60%。 |\n是 |\n||\n\
        8 |\n改造背街小巷20条。 |\n张某 |\n区城管局 |\n区市政处、各街道 |\n已开工。 |\n否 |\n施工单位进场晚于计划两个月。 |\n|\n\
        9 |\n新建公厕10座。 |\n李某 |\n区住建局 |\n区城管局 |\n已完成3座。 |\n是 |\n||\n";
    let doc = extract(text.as_bytes(), "short.txt").expect("parses");
    let got: Vec<(String, String, String)> = doc
        .records
        .iter()
        .map(|r| {
            (
                r.seq.clone().unwrap_or_default(),
                r.target.clone().unwrap_or_default(),
                r.lead_units.join("、"),
            )
        })
        .collect();
    let want = |s: &str, t: &str, l: &str| (s.to_string(), t.to_string(), l.to_string());
    assert_eq!(
        got,
        vec![
            want("7", "新建口袋公园5个。", "区城管局"),
            want("8", "改造背街小巷20条。", "区城管局"),
            want("9", "新建公厕10座。", "区住建局"),
        ]
    );
    assert_eq!(doc.records[1].partner_units, vec!["区市政处", "各街道"]);
}

/// A page whose exporter prints each row's end pipe on a line of its own
/// (`|`), a title row closed by a run of pipes, and traditional script; the
/// page is cut short inside the last row. The lone pipes end rows: they are
/// not empty cells.
#[test]
fn row_end_pipes_on_lines_of_their_own() {
    let text = "某縣人民政府\n附件:\n|\n某縣2024年民生實事項目清單 |\n||||||\n|\n\
        序號 |\n項目名稱 |\n建設地點 |\n建設內容 |\n年度投資 (萬元) |\n責任單位 |\n|\n\
        1 |\n城北停車場建設項目 |\n城關鎮 |\n新建停車場2座。 |\n300 |\n住建局 |\n|\n\
        2 |\n農村公路改造項目 |\n謝村鎮 |\n改造農村公路30公里。 |\n1200 |\n交通局 |\n|\n\
        3 |\n職教中心建設項目 |\n磨子鎮 |\n改造教學樓,\n";
    let doc = extract(text.as_bytes(), "lone.txt").expect("parses");
    assert_eq!(
        summary(&doc),
        vec![
            row("1", 1, "城北停車場建設項目", "住建局", ""),
            row("2", 1, "農村公路改造項目", "交通局", ""),
            row("3", 1, "職教中心建設項目", "", ""),
        ]
    );
    assert_eq!(
        doc.tables[0].title.as_deref(),
        Some("某縣2024年民生實事項目清單")
    );
}

/// Whole-row lines where a unit merged over several rows is printed once:
/// the rows under it print one cell fewer and end `… | |`, so their progress
/// text stands where the unit would. The unit spans down; the progress
/// stays progress.
#[test]
fn merged_unit_left_out_of_whole_row_lines() {
    let text = "某县2024年民生实事项目进展情况表\n\
        序号 | 项目内容 | 月度工作计划 | 牵头单位 | 落实情况 |\n\
        1 | 免费接种流感疫苗2万人。 | 4月:制定接种方案并下发各乡镇。 | 县卫生健康局 | 已完成。已制定并下发接种工作方案。 |\n\
        2 | 免费开展癌症筛查7400人。 | 4月:完成筛查人数1480人。 | 已完成。完成筛查人数3495人。 | |\n\
        3 | 培训应急救护人员235人。 | 4月:完成应急救护人员培训65人。 | 县红十字会 | 已完成。已确定点位，培训188人。 |\n\
        4 | 新增医保签约机构20家。 | 4月:按省市要求完成数据采集。 | 县医疗保障局 | 已完成。本月已完成部署工作。 |\n\
        5 | 开通异地结算定点医院5家。 | 4月:完成系统对接和测试工作。 | 已完成。本月已完成系统对接。 | |\n";
    let doc = extract(text.as_bytes(), "merged.txt").expect("parses");
    let leads: Vec<String> = doc
        .records
        .iter()
        .map(|r| r.lead_units.join("、"))
        .collect();
    assert_eq!(
        leads,
        vec![
            "县卫生健康局",
            "县卫生健康局",
            "县红十字会",
            "县医疗保障局",
            "县医疗保障局"
        ]
    );
    assert_eq!(
        doc.records[1].progress.as_deref(),
        Some("已完成。完成筛查人数3495人。")
    );
}

/// Cells of a cell-per-line notice, given one per entry: each printed on a
/// line of its own with a blank line after it, so that an empty entry (an
/// empty cell) adds one more blank line.
fn cell_lines(title: &str, cells: &[&str]) -> String {
    let mut s = format!("{title}\n\n");
    for c in cells {
        if c.is_empty() {
            s.push('\n');
        } else {
            s.push_str(c);
            s.push_str("\n\n");
        }
    }
    s
}

/// A saved web page whose narrow header cells wrap: `总投资` / `(万元)` and
/// `2024年` / `目标进度` are each one header cell printed over two lines.
#[test]
fn header_cells_wrapped_over_two_lines() {
    let text = cell_lines(
        "某区2024年民生实事任务分解表",
        &[
            "序号",
            "项目",
            "责任单位",
            "建设内容",
            "总投资",
            "(万元)",
            "2024年",
            "目标进度",
            "1",
            "新建停车场",
            "区住建局",
            "新建公共停车场2座。",
            "1200",
            "年内完工",
            "2",
            "改造老旧小区",
            "区住建局",
            "改造老旧小区5个。",
            "3500",
            "10月底前完成",
            "3",
            "建设口袋公园",
            "区城管局",
            "建设口袋公园3个。",
            "800",
            "9月底前完成",
        ],
    );
    let doc = extract(text.as_bytes(), "wrapped-header.txt").expect("parses");
    assert_eq!(doc.source.layout, "cell_per_line");
    let header = &doc.tables[0].header;
    assert!(header.iter().any(|h| h == "总投资(万元)"), "{header:?}");
    assert!(header.iter().any(|h| h == "2024年目标进度"), "{header:?}");
    assert_eq!(doc.records.len(), 3);
    let inv = doc.records[1].investment.as_ref().expect("investment");
    assert_eq!(inv.value.to_string(), "3500");
    assert_eq!(inv.unit.as_deref(), Some("万元"));
    assert_eq!(doc.records[2].lead_units, vec!["区城管局"]);
}

/// Every numbered group of a cell-per-line table has a different number of
/// cells (a unit name wrapped over two lines, a second row of the project
/// whose number and name cells are printed empty): no two groups agree on a
/// width, so the header's width is the table's.
#[test]
fn width_from_the_header_when_no_rows_agree() {
    let text = cell_lines(
        "某区2024年民生实事责任分解表",
        &[
            "序号",
            "项目",
            "责任单位",
            "建设内容",
            "完成时限",
            "1",
            "完善道路设施",
            "区新兴产业",
            "服务中心",
            "实施滨江路提升改造工程。",
            "12月底前",
            "",
            "",
            "区综合行政",
            "执法局",
            "实施寺前路路面提升工程。",
            "6月底前",
            "2",
            "提升防洪能力",
            "区农业农村局",
            "实施中心河道整治工程。",
            "7月底前",
            "",
            "",
            "区水利局",
            "实施江堤设施设备修复工程。",
            "9月底前",
            "3",
            "加大安居保障",
            "区新兴产业",
            "服务中心",
            "新建保障性租赁住房。",
            "11月底前",
        ],
    );
    let doc = extract(text.as_bytes(), "no-agreeing-rows.txt").expect("parses");
    assert_eq!(doc.tables[0].header.len(), 5);
    assert_eq!(
        summary(&doc),
        vec![
            row("1", 1, "完善道路设施", "区新兴产业服务中心", "2024-12"),
            row("1", 2, "完善道路设施", "区综合行政执法局", "2024-06"),
            row("2", 1, "提升防洪能力", "区农业农村局", "2024-07"),
            row("2", 2, "提升防洪能力", "区水利局", "2024-09"),
            row("3", 1, "加大安居保障", "区新兴产业服务中心", "2024-11"),
        ]
    );
}

/// Unit cells in traditional script: a unit name wrapped over two lines
/// (`區綜合行政` / `執法局`) before a second unit of the same cell, a unit
/// ending in a traditional character (`鎮`), and a progress cell whose date
/// is followed by what is due then (`7月底` / `具備擋水條件`).
#[test]
fn unit_names_wrapped_over_lines_in_traditional_script() {
    let text = cell_lines(
        "某區2023年民生實事目標任務與責任分解表",
        &[
            "序號",
            "項目",
            "責任單位",
            "建設內容",
            "總投資",
            "(萬元)",
            "2023年",
            "目標進度",
            "1",
            "提升區域防洪能力",
            "區農業農村局",
            "實施中心河道整治工程。",
            "19311",
            "6月開工",
            "",
            "",
            "區綜合行政",
            "執法局",
            "區公建中心",
            "實施江堤設施設備修復提升工程。",
            "4950",
            "7月底",
            "具備擋水條件",
            "",
            "",
            "某城鎮",
            "實施泵站改造工程。",
            "3200",
            "3月開工,7月完工。",
            "2",
            "加大安居保障力度",
            "區新興產業",
            "服務中心",
            "新建保障性租賃住房。",
            "87348",
            "2月開工,年內完成主體結構。",
        ],
    );
    let doc = extract(text.as_bytes(), "trad-units.txt").expect("parses");
    let leads: Vec<(String, u32, String)> = doc
        .records
        .iter()
        .map(|r| {
            (
                r.seq.clone().unwrap_or_default(),
                r.part,
                r.lead_units.join("、"),
            )
        })
        .collect();
    let want = [
        ("1", 1, "區農業農村局"),
        ("1", 2, "區綜合行政執法局、區公建中心"),
        ("1", 3, "某城鎮"),
        ("2", 1, "區新興產業服務中心"),
    ];
    let want: Vec<(String, u32, String)> = want
        .iter()
        .map(|(s, p, u)| (s.to_string(), *p, u.to_string()))
        .collect();
    assert_eq!(leads, want);
    let row2 = &doc.records[1];
    let progress: Vec<String> = row2.extra.values().map(|v| v.to_string()).collect();
    assert!(
        progress
            .iter()
            .any(|p| p.contains("7月底") && p.contains("具備擋水條件")),
        "{progress:?}"
    );
}

/// A short pipe table whose category is printed once, in the first row: the
/// next row prints one cell fewer and ends `… | |`, the closing pipe standing
/// for the merged category, and too few rows print every cell to learn the
/// columns from, so the header's fields place the row. Numbers are inside
/// the name cells (`2.建设…`).
#[test]
fn category_printed_once_over_a_row_ending_in_a_pad_pipe() {
    let text = "某市2022年民生实事进展情况\n\
        类别 | 项目名称 | 年度目标 | 责任单位 | 完成情况 | 监督电话 |\n\
        一、教育 | 1.改扩建城南小学 | 完成城南小学教学楼建设并投入使用。 | 教育局 | 主体结构已完工，正在装饰装修。 | 监督电话0535-1234567 |\n\
        2.建设学校塑胶运动场 | 完成5处学校塑胶运动场建设。 | 教育局 | 已完成基础施工，开始铺设面层。 | 监督电话0535-1234567 | |\n\
        3.推进义务教育课后服务 | 实现课后服务全覆盖。 | 教育局 | 全市义务教育学校已全覆盖。 | 监督电话0535-1234568 |\n";
    let doc = extract(text.as_bytes(), "category-once.txt").expect("parses");
    assert_eq!(
        summary(&doc),
        vec![
            row("1", 1, "改扩建城南小学", "教育局", ""),
            row("2", 1, "建设学校塑胶运动场", "教育局", ""),
            row("3", 1, "推进义务教育课后服务", "教育局", ""),
        ]
    );
    assert_eq!(doc.records[1].category, doc.records[0].category);
}

/// A saved page cut off inside the last row of a pipe table: the row's line
/// has its cells but no closing pipe, and its last cells are lost. It is
/// still a row of the table (not a paragraph after it), and borrows no unit
/// from the row above.
#[test]
fn last_pipe_row_cut_off_before_its_closing_pipe() {
    let text = "某区2022年民生实事项目工作计划\n\
        序号 | 实事项目 | 工作举措及实施计划 | 责任单位 | 配合单位 |\n\
        1 | 新建公办幼儿园3所。 | 1.4月底前主体完工。2.8月底前竣工交付。 | 教育局 | 住建局、财政局 |\n\
        2 | 新增婴幼儿托位500个。 | 1.6月底前新增200个。2.9月底前完成。 | 卫生健康局 | 财政局 |\n\
        3 | 实施农村公路大中修100公里。 | 1.7月底前开工;11月底前建成。2.10月底前全面完成新增和\n";
    let doc = extract(text.as_bytes(), "cut-row.txt").expect("parses");
    assert_eq!(doc.source.layout, "pipe_table");
    assert_eq!(
        summary(&doc),
        vec![
            // Deadlines: the last date of each plan (no deadline column).
            row("1", 1, "新建公办幼儿园3所。", "教育局", "2022-08"),
            row("2", 1, "新增婴幼儿托位500个。", "卫生健康局", "2022-09"),
            row("3", 1, "实施农村公路大中修100公里。", "", "2022-11"),
        ]
    );
    assert!(doc.records[2].partner_units.is_empty());
}

/// An exporter that pads every row to the table's width with pipes, the
/// header too (`… | 责任单位 | 备注 | ||`): pads are empty cells at the end of
/// each row, never columns a row leaves to the one above.
#[test]
fn rows_padded_to_the_width_like_their_header() {
    let text = "某县2022年民生实事项目进展表\n\
        序号 | 项目名称 | 建设内容 | 总投资 | 责任单位 | 备注 | ||\n\
        1 | 学校护眼灯光工程 | 对70所学校教室照明提升 | 1800 | 县教育局 | ||\n\
        2 | 敬老院电梯加装工程 | 加装电梯10台 | 600 | 县民政局 | ||\n\
        3 | 医疗急救能力提升工程 | 设立120急救点 | 260 | 县卫健局 | ||\n";
    let doc = extract(text.as_bytes(), "padded.txt").expect("parses");
    let got = seq_name_lead(&doc);
    let want: Vec<(String, String, Vec<String>)> = [
        ("1", "学校护眼灯光工程", "县教育局"),
        ("2", "敬老院电梯加装工程", "县民政局"),
        ("3", "医疗急救能力提升工程", "县卫健局"),
    ]
    .iter()
    .map(|(s, n, u)| (s.to_string(), n.to_string(), vec![u.to_string()]))
    .collect();
    assert_eq!(got, want);
}

/// A page cut off inside the last cell of a one-cell-per-line table: the
/// last line, without its pipe, is that cell; a form's footer is not.
#[test]
fn a_cell_cut_off_by_the_end_of_the_page() {
    let text = "某区2024年民生实事项目进度表\n序号 |\n牵头单位 |\n项目名称 |\n||\n\
        1 |\n区住建局 |\n文化中心北路 |\n||\n2 |\n区农业农村局 |\n“两整治一提升”行动共同富裕";
    let doc = extract(text.as_bytes(), "cut.txt").expect("parses");
    let names: Vec<(String, Vec<String>)> = doc
        .records
        .iter()
        .map(|r| (r.name.clone().unwrap_or_default(), r.lead_units.clone()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("文化中心北路".to_string(), vec!["区住建局".to_string()]),
            (
                "“两整治一提升”行动共同富裕".to_string(),
                vec!["区农业农村局".to_string()]
            ),
        ]
    );
}

/// A task column under a compound header (`具体工作任务和要求`, `任务及目标`,
/// `实事内容`) is the target, and names the items when no column does.
#[test]
fn compound_task_headers() {
    for header in [
        "具体工作任务和要求",
        "任务及目标",
        "目标任务与措施",
        "实事内容",
    ] {
        let text = format!(
            "某县2021年为民办实事任务分解表\n序号 | {header} | 责任单位 |\n\
             1 | 完成二中迁建项目，新增学位1000个 | 县教体局 |\n\
             2 | 启动中心幼儿园改扩建 | 县教体局 |\n"
        );
        let doc = extract(text.as_bytes(), "t.txt").expect("parses");
        let got = seq_name_lead(&doc);
        assert_eq!(
            got,
            vec![
                (
                    "1".to_string(),
                    "完成二中迁建项目，新增学位1000个".to_string(),
                    vec!["县教体局".to_string()]
                ),
                (
                    "2".to_string(),
                    "启动中心幼儿园改扩建".to_string(),
                    vec!["县教体局".to_string()]
                ),
            ],
            "{header}"
        );
    }
}

/// Text saved from a page whose 项目名称 header spanned two columns (the
/// name and the target): the header row is one cell short, so 责任单位
/// stands over the next month's plan and the units sit under an empty
/// header. The units are read where they are; the plan stays in `extra`.
#[test]
fn units_column_slipped_from_under_its_header() {
    let text = "某区2020年3月民生实事进度表\n\
        序号 | 项目名称 | 本月进展 | 下月计划 | 责任单位 | ||\n\
        1 | 绿道建设 | 全区新改建绿道60公里。 | 部分道路已开工。 | 计划完成4公里。 | 区城建局 | |\n\
        2 | 小泵站更新改造 | 实施12座村级小泵站更新改造。 | 完成招标。 | 进场施工。 | 区水务局 | |\n\
        3 | 小微水体整治 | 疏浚土方400万方。 | 方案设计中。 | 完成方案审查。 | 区水务局、区农业农村局 | |\n";
    let doc = extract(text.as_bytes(), "slipped.txt").expect("parses");
    let got = seq_name_lead(&doc);
    let want: Vec<(String, String, Vec<String>)> = vec![
        ("1".into(), "绿道建设".into(), vec!["区城建局".into()]),
        ("2".into(), "小泵站更新改造".into(), vec!["区水务局".into()]),
        (
            "3".into(),
            "小微水体整治".into(),
            vec!["区水务局".into(), "区农业农村局".into()],
        ),
    ];
    assert_eq!(got, want);
    let plan = serde_json::to_string(&doc.records[0].extra).unwrap();
    assert!(
        plan.contains("计划完成4公里"),
        "the headed column is kept: {plan}"
    );

    // A units column that holds units stays where its header is, even with
    // another column of units beside it.
    let text = "某区2020年民生实事表\n\
        序号 | 项目名称 | 责任单位 | 备注 |\n\
        1 | 绿道建设 | 区城建局 | 区财政局 |\n\
        2 | 泵站改造 | 区水务局 | 区财政局 |\n";
    let doc = extract(text.as_bytes(), "kept.txt").expect("parses");
    let leads: Vec<Vec<String>> = doc.records.iter().map(|r| r.lead_units.clone()).collect();
    assert_eq!(
        leads,
        vec![vec!["区城建局".to_string()], vec!["区水务局".to_string()]]
    );
}

/// A narrow table saved one cell per line: three header words, then the
/// first row's number. Too few header words to start a table on their own,
/// but the number 1 closes the header; the units are read as units, not as
/// the items' targets.
#[test]
fn three_column_table_one_cell_per_line() {
    let text = "某县2021年民生实事项目\n\n序号\n\n实事项目\n\n责任单位\n\n\
        1\n\n新建幼儿园2所。\n\n县教育局\n\n2\n\n改造老旧小区5个。\n\n县住建局\n\n\
        3\n\n新建农村公路50公里。\n\n县交通运输局\n\n县财政局\n\n4\n\n新增停车位300个。\n\n县城管局\n";
    let doc = extract(text.as_bytes(), "narrow.txt").expect("parses");
    let got = seq_name_lead(&doc);
    let want: Vec<(String, String, Vec<String>)> = vec![
        (
            "1".into(),
            "新建幼儿园2所。".into(),
            vec!["县教育局".into()],
        ),
        (
            "2".into(),
            "改造老旧小区5个。".into(),
            vec!["县住建局".into()],
        ),
        (
            "3".into(),
            "新建农村公路50公里。".into(),
            vec!["县交通运输局".into(), "县财政局".into()],
        ),
        (
            "4".into(),
            "新增停车位300个。".into(),
            vec!["县城管局".into()],
        ),
    ];
    assert_eq!(got, want);
    assert!(doc
        .records
        .iter()
        .all(|r| r.source.layout.as_str() == "cell_per_line"));
}

/// A period column (`建设起止年限`) gives the deadline its last date, and
/// keeps the period as printed.
#[test]
fn period_columns_end_at_their_last_date() {
    let text = "某市2023年民生实事项目实施计划表\n\
        序号 | 项目名称 | 建设内容 | 建设起止年限 | 责任单位 |\n\
        1 | 城市用气提升工程 | 28个小区液改气 | 2023.01-2023.12 | 城投集团 |\n\
        2 | 山塘水库综合整治工程 | 加固6座小型水库 | 2022-2023 | 水利局 |\n\
        3 | 应急救护培训 | 培训6800人 | 2023年3月至10月 | 卫健局 |\n";
    let doc = extract(text.as_bytes(), "period.txt").expect("parses");
    let got: Vec<(Option<String>, Option<String>)> = doc
        .records
        .iter()
        .map(|r| {
            let kept = r
                .extra
                .get("建设起止年限")
                .and_then(|v| v.as_str())
                .map(str::to_string);
            (r.deadline.clone(), kept)
        })
        .collect();
    let want = [
        ("2023-12", "2023.01-2023.12"),
        ("2023-12", "2022-2023"),
        ("2023-10", "2023年3月至10月"),
    ]
    .map(|(d, p)| (Some(d.to_string()), Some(p.to_string())));
    assert_eq!(got, want);
}

/// A wide table saved one cell per line whose header cells wrap over two
/// lines, some with a blank line between the halves (`建设起` / `止年限`,
/// `当年投资` / `(万元)`, `资金` / `来源`, `责任` / `单位`), and a page cut off
/// inside the last row: the header reads as the rows' nine columns, the
/// cut row does not set the width, and the units are where 责任单位 is.
#[test]
fn wrapped_header_cells_and_a_cut_last_row() {
    let cells = [
        "序号",
        "项目名称",
        "项目建设规模及内容",
        "建设起\n止年限",
        "总投资\n(万元)",
        "当年投资",
        "(万元)",
        "2023年度",
        "计划",
        "资金",
        "来源",
        "责任",
        "单位",
        "1",
        "城市燃气提升工程",
        "为28个小区改造燃气管道",
        "2023.01-2023.12",
        "1200",
        "1200",
        "完工投用",
        "国企投资",
        "城投集团",
        "2",
        "水库综合整治工程",
        "加固6座小型水库",
        "2023.01-2023.12",
        "4600",
        "4600",
        "基本完工",
        "政府投资",
        "水利局",
        "3",
        "应急救护工程",
        "培训应急救护持证人员6800人",
    ];
    let text = format!(
        "某市2023年民生实事项目实施计划表\n\n{}\n",
        cells.join("\n\n")
    );
    let doc = extract(text.as_bytes(), "wide.txt").expect("parses");
    let table = &doc.tables[0];
    assert_eq!(
        table.header,
        [
            "序号",
            "项目名称",
            "项目建设规模及内容",
            "建设起止年限",
            "总投资(万元)",
            "当年投资(万元)",
            "2023年度计划",
            "资金来源",
            "责任单位",
        ]
    );
    let got: Vec<(String, String, Vec<String>, Option<String>)> = doc
        .records
        .iter()
        .map(|r| {
            let (s, n, u) = (r.seq.clone(), r.name.clone(), r.lead_units.clone());
            (
                s.unwrap_or_default(),
                n.unwrap_or_default(),
                u,
                r.deadline.clone(),
            )
        })
        .collect();
    assert_eq!(
        got[0],
        (
            "1".into(),
            "城市燃气提升工程".into(),
            vec!["城投集团".into()],
            Some("2023-12".into())
        )
    );
    assert_eq!(
        got[1],
        (
            "2".into(),
            "水库综合整治工程".into(),
            vec!["水利局".into()],
            Some("2023-12".into())
        )
    );
}

/// Two header cells that can each head a column stay two, though together
/// they would make a known header (`当前进度` / `牵头单位`: 进度牵头单位).
#[test]
fn header_cells_that_head_columns_alone_stay_apart() {
    let cells = [
        "序号",
        "项目内容",
        "当前进度",
        "牵头单位",
        "备注",
        "1",
        "新建公办园5所。",
        "80%",
        "县教育局",
        "市民生实事",
        "2",
        "建设四好农村路55公里。",
        "95%",
        "县交通局",
        "县民生实事",
        "3",
        "完成农村公路大中修70公里。",
        "90%",
        "县交通局",
        "县民生实事",
    ];
    let text = format!("某县2022年民生实事项目进度表\n\n{}\n", cells.join("\n\n"));
    let doc = extract(text.as_bytes(), "progress.txt").expect("parses");
    assert_eq!(
        doc.tables[0].header,
        ["序号", "项目内容", "当前进度", "牵头单位", "备注"]
    );
    let leads: Vec<Vec<String>> = doc.records.iter().map(|r| r.lead_units.clone()).collect();
    assert_eq!(
        leads,
        [["县教育局"], ["县交通局"], ["县交通局"]].map(|u| u.map(String::from).to_vec())
    );
}

/// A rating table saved one cell per line: a vote count of 1 inside a row
/// is a cell, not the first row of a new group, when the next row's number
/// follows close behind; empty cells are blank lines.
#[test]
fn a_count_of_one_inside_a_row_starts_no_row() {
    let text = "2021年区政府民生实事项目满意度测评表\n\n序号\n\n项目名称\n\n满意\n\n基本满意\n\n不满意\n\n\
        1\n\n教育惠民补短强基\n\n28\n\n1\n\n\n2\n\n公共卫生服务能力提升\n\n20\n\n8\n\n1\n\n\
        3\n\n老旧小区改造\n\n26\n\n3\n\n\n4\n\n食品安全供应保障\n\n29\n\n1\n";
    let doc = extract(text.as_bytes(), "votes.txt").expect("parses");
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
        ("1", "教育惠民补短强基"),
        ("2", "公共卫生服务能力提升"),
        ("3", "老旧小区改造"),
        ("4", "食品安全供应保障"),
    ]
    .map(|(s, n)| (s.to_string(), n.to_string()));
    assert_eq!(got, want);
}

/// (seq, name, lead units) of each record.
fn seq_name_lead(doc: &notice_extract::NoticeDocument) -> Vec<(String, String, Vec<String>)> {
    doc.records
        .iter()
        .map(|r| {
            (
                r.seq.clone().unwrap_or_default(),
                r.name.clone().unwrap_or_default(),
                r.lead_units.clone(),
            )
        })
        .collect()
}

/// A table copied from a PDF or a Word document: a row per line, cells
/// separated by runs of spaces, a header word split by a space (`1- 6月完成情况`).
/// Empty cells leave no trace (row 2 has no notes, row 3 no figure done), so
/// cells go where their kind belongs; a project of several parts prints its
/// later parts on lines without a number, each with its own sub-item and
/// unit, the last without one (the unit merged from above).
const SPACED_WITH_PARTS: &str = "某区2023年1-6月重点民生实事完成情况表
序号 重点民生实事项目名称 责任单位 目标任务 1- 6月完成情况   完成率% 备注
1 农村饮水安全巩固提升 区水务局 1500人 800 53% 已解决800人的饮水问题
2 新增城镇就业   区人社局 9000 7000 78%
3 建设农村公办幼儿园 区教育局 2所 60% 主体工程已完工
4 提高城乡低保标准 城市低保月均达到600元 区民政局 600元 600 100%
农村低保月均达到450元 区民政局 450元 450 100%
特困人员供养标准提标 区民政局 区财政局 100% 100%
5 文化惠民 送戏下乡30场 区文旅局 30 18 60%
送电影下乡900场

区实事办 2023年7月10日
";

#[test]
fn space_separated_rows_with_empty_cells_and_later_parts() {
    let doc = extract(SPACED_WITH_PARTS.as_bytes(), "spaced.txt").expect("parses");
    let got = seq_name_lead(&doc);
    let rec = |s: &str, n: &str, u: &[&str]| -> (String, String, Vec<String>) {
        (
            s.into(),
            n.into(),
            u.iter().map(|x| x.to_string()).collect(),
        )
    };
    assert_eq!(
        got,
        vec![
            rec("1", "农村饮水安全巩固提升", &["区水务局"]),
            rec("2", "新增城镇就业", &["区人社局"]),
            rec("3", "建设农村公办幼儿园", &["区教育局"]),
            rec("4", "提高城乡低保标准", &["区民政局"]),
            rec("4", "提高城乡低保标准", &["区民政局"]),
            rec("4", "提高城乡低保标准", &["区民政局", "区财政局"]),
            rec("5", "文化惠民", &["区文旅局"]),
            rec("5", "文化惠民", &["区文旅局"]),
        ]
    );
    assert!(doc
        .records
        .iter()
        .all(|r| r.source.layout.as_str() == "space_table"));
    let parts: Vec<u32> = doc.records.iter().map(|r| r.part).collect();
    assert_eq!(parts, [1, 1, 1, 1, 2, 3, 1, 2]);
    // The split header word is one column; the rate column is kept as printed.
    assert_eq!(
        doc.tables[0].header,
        [
            "序号",
            "重点民生实事项目名称",
            "重点民生实事项目名称",
            "责任单位",
            "目标任务",
            "1-6月完成情况",
            "完成率%",
            "备注"
        ]
    );
    // Row 2 prints no notes and row 3 no figure done: each cell by its kind.
    assert_eq!(doc.records[1].target.as_deref(), Some("9000"));
    assert_eq!(doc.records[1].result.as_deref(), Some("7000"));
    assert_eq!(doc.records[1].notes, None);
    assert_eq!(doc.records[2].target.as_deref(), Some("2所"));
    assert_eq!(doc.records[2].result, None);
    assert_eq!(
        doc.records[2].extra.get("完成率%").and_then(|v| v.as_str()),
        Some("60%")
    );
    assert_eq!(doc.records[2].notes.as_deref(), Some("主体工程已完工"));
    // Later parts name their sub-items; a part without a unit has the one above.
    let subs: Vec<Option<&str>> = doc
        .records
        .iter()
        .map(|r| r.subproject.as_deref())
        .collect();
    assert_eq!(
        subs,
        [
            None,
            None,
            None,
            Some("城市低保月均达到600元"),
            Some("农村低保月均达到450元"),
            Some("特困人员供养标准提标"),
            Some("送戏下乡30场"),
            Some("送电影下乡900场"),
        ]
    );
    assert_eq!(doc.records[4].target.as_deref(), Some("450元"));
    assert_eq!(
        doc.records[7].source.inherited,
        vec!["seq", "name", "lead_units"]
    );
    // The issuer and date under the table are no part of it.
    assert!(doc.records.iter().all(|r| r
        .extra
        .values()
        .all(|v| v.as_str().is_none_or(|s| !s.contains("区实事办")))));
}

/// A name wrapped at a space (`新建农村` / `公路50公里`) is one name; two units
/// separated by a space are two units.
#[test]
fn space_separated_rows_with_a_wrapped_name() {
    let text = "某县2024年民生实事项目表\n\
        序号 项目名称 责任单位 完成时限\n\
        1 新建农村 公路50公里 县交通局 县财政局 2024年12月\n\
        2 改造老旧小区5个 县住建局 2024年10月\n\
        3 新增停车位300个 县城管局 2024年9月\n";
    let doc = extract(text.as_bytes(), "wrapped.txt").expect("parses");
    assert_eq!(
        summary(&doc),
        vec![
            row(
                "1",
                1,
                "新建农村公路50公里",
                "县交通局、县财政局",
                "2024-12"
            ),
            row("2", 1, "改造老旧小区5个", "县住建局", "2024-10"),
            row("3", 1, "新增停车位300个", "县城管局", "2024-09"),
        ]
    );
}

/// Prose that names the columns of a form (序号, 项目名称, 责任单位) between
/// spaces is no table, nor are numbered sentences after it.
#[test]
fn prose_naming_columns_is_no_space_table() {
    let texts = [
        "某县关于报送2024年民生实事项目的通知\n\
         请各单位按 序号 项目名称 责任单位 完成时限 的顺序填写附表。\n\
         1 各单位要高度重视 认真组织 按时报送。\n\
         2 报送材料 须经单位主要负责人 审核签字。\n",
        "某县关于报送2024年民生实事项目的通知\n\
         序号 项目名称 责任单位 三栏由各单位填写，其余各栏由县实事办填写。\n\
         1 各单位要高度重视 认真组织 按时报送。\n\
         2 报送材料 须经单位主要负责人 审核签字。\n",
        "某县关于报送2024年民生实事项目的通知\n\
         序号 项目名称 责任单位\n\
         1 各单位要高度重视 认真组织 按时报送。\n\n\
         附表由县实事办统一印发，各单位不得 自行更改 表格格式。\n",
    ];
    for text in texts {
        let parsed = notice_extract::parse(text.as_bytes(), "prose.txt").expect("parses");
        assert!(
            parsed
                .document
                .blocks
                .iter()
                .all(|b| !matches!(b, notice_extract::model::Block::Table(_))),
            "{text}"
        );
    }
}
