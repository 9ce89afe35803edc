//! Layouts met in notices beyond the five seeds, each written here as a small
//! notice of our own in the same layout, with the records it must give.

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
