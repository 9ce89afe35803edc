#!/usr/bin/env python3
"""Write HTML versions of the seed notices into fixtures/formats/.

For each seed NAME (000, 001, 003, 004) this writes fixtures/formats/NAME.html: the notice as a
government web page serves it (site chrome, metadata block, body paragraphs, every table as real
<table> markup with rowspan/colspan where the reviewed grid has them).  Seed 001 also gets
NAME.gbk.html (the same page in GBK, labelled gb2312) and seed 004 NAME.word.html (the notice as
Word's "Save as Web Page" writes it, windows-936, labelled gb2312).

The DOCX and XLSX versions are made from NAME.html by LibreOffice: see make-format-fixtures.sh.

The text and table structure come from the crate's own reviewed model of the .txt seed:
`notice-extract inspect --json fixtures/NAME.txt` (run through cargo unless --bin is given), so
every cell text is exactly the grid's text.  Page chrome of seed 001 (breadcrumb, file download
link, footer link lists) is taken from the .txt itself.  stdlib only.

Usage: python3 scripts/make-format-fixtures.py [--bin PATH/TO/notice-extract] [--out DIR]
"""

import argparse
import html
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "fixtures")

# --------------------------------------------------------------------------------------------
# model


def load_model(name, binary):
    path = os.path.join(FIXTURES, name + ".txt")
    if binary:
        cmd = [binary, "inspect", "--json", path]
    else:
        cmd = ["cargo", "run", "-q", "--", "inspect", "--json", path]
    out = subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.PIPE).stdout
    return json.loads(out.decode("utf-8"))


def txt_lines(name):
    with open(os.path.join(FIXTURES, name + ".txt"), encoding="utf-8") as f:
        return f.read().split("\n")


def resolve_spans(table):
    """Return {(r, c): (rowspan, colspan)} for every anchor cell and the set of covered cells.

    A row_span cell is covered by the anchor of the cell above it in row R; a col_span cell is
    covered by the anchor of its left neighbour.  (The `col` of a col_span origin is not used:
    `inspect --json` of seed 001 gives col 2 for the cell right of 2023年工作计划 in column 3, the
    index that cell had before the 项目名称 column was split in two.  Spans are contiguous, so the
    left neighbour is always right.)  Every anchor must cover a rectangle, and every covered
    cell must repeat its anchor's text.
    """
    rows = table["rows"]
    width = table["width"]
    memo = {}

    def anchor(r, c):
        if (r, c) in memo:
            return memo[(r, c)]
        o = rows[r]["cells"][c]["origin"]
        if o["type"] == "own":
            a = (r, c)
        elif o["type"] == "row_span":
            assert o["row"] < r, (r, c, o)
            a = anchor(o["row"], c)
        elif o["type"] == "col_span":
            assert c > 0, (r, c, o)
            a = anchor(r, c - 1)
        else:
            raise ValueError(o)
        memo[(r, c)] = a
        return a

    cover = {}
    for r, row in enumerate(rows):
        assert len(row["cells"]) == width, (r, len(row["cells"]), width)
        for c in range(width):
            cover.setdefault(anchor(r, c), []).append((r, c))
    spans = {}
    for a, cells in cover.items():
        rs = sorted({x[0] for x in cells})
        cs = sorted({x[1] for x in cells})
        assert a == (rs[0], cs[0]), (a, cells)
        assert len(cells) == len(rs) * len(cs), (a, cells)
        assert rs == list(range(rs[0], rs[-1] + 1)) and cs == list(range(cs[0], cs[-1] + 1)), (a, cells)
        text = rows[a[0]]["cells"][a[1]]["text"]
        for (r, c) in cells:
            assert rows[r]["cells"][c]["text"] == text, ((r, c), text)
        spans[a] = (len(rs), len(cs))
    return spans


# --------------------------------------------------------------------------------------------
# helpers

def esc(s):
    return html.escape(s, quote=False)


def attr(s):
    return html.escape(s, quote=True)


def fragile_number(text):
    """True if a spreadsheet that reads `text` as a number would show something else.

    "2024.10" becomes 2024.1 in Calc (shown "2024.1"), which no reader can undo; such cells get
    sdnum="2052;0;@" (LibreOffice's own HTML attribute for a cell's number format, here Text)
    so that Calc keeps them as text.  "2024.12", "2000" and "1" survive as numbers and stay so.
    """
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        return False
    f = float(text)
    shown = str(int(f)) if f.is_integer() else repr(f)
    return shown != text


def split_runs(text, n=2):
    """Split a long text into n pieces at character boundaries, as an editor's runs do."""
    if len(text) < 24:
        return [text]
    step = len(text) // n
    return [text[i * step:(i + 1) * step] if i < n - 1 else text[i * step:] for i in range(n)]


def col_widths(table, total=100):
    """Column widths (percent) from the typical text length of each column."""
    width = table["width"]
    lens = [[] for _ in range(width)]
    for row in table["rows"][table["header_rows"]:] or table["rows"]:
        for c, cell in enumerate(row["cells"]):
            if cell["origin"]["type"] == "own":
                lens[c].append(len(cell["text"]))
    w = []
    for c in range(width):
        xs = sorted(lens[c]) or [2]
        med = xs[len(xs) // 2]
        w.append(min(max(med, 3), 40))
    s = sum(w)
    out = [max(3, round(x * total / s)) for x in w]
    out[-1] += total - sum(out)
    return out


# --------------------------------------------------------------------------------------------
# site chrome

SITES = {
    "yubei": {
        "name": "重庆市渝北区人民政府",
        "nav": ["首页", "政务公开", "政务服务", "政民互动", "走进渝北", "专题专栏"],
        "host_office": "重庆市渝北区人民政府办公室",
        "icp": "渝ICP备00000000号-1",  # invented placeholders, see README
        "gaba": "渝公网安备 50011202000000号",
        "bsm": "5001120000",
    },
    "wulong": {
        "name": "重庆市武隆区人民政府",
        "nav": ["首页", "政务公开", "政务服务", "互动交流", "魅力武隆"],
        "host_office": "重庆市武隆区人民政府办公室",
        "icp": "渝ICP备00000001号",
        "gaba": "渝公网安备 50015602000000号",
        "bsm": "5001560000",
    },
    "qianjiang": {
        "name": "重庆市黔江区人民政府",
        "nav": ["首页", "政务公开", "政务服务", "政民互动", "走进黔江", "专题专栏"],
        "host_office": "重庆市黔江区人民政府办公室",
        "icp": "渝ICP备00000002号-1",
        "gaba": "渝公网安备 50011402000000号",
        "bsm": "5001140000",
    },
}

FOOTER_LINKS = [
    ("国务院部门网站", [("外交部", "https://www.mfa.gov.cn/"), ("国家发展和改革委员会", "https://www.ndrc.gov.cn/"),
                       ("教育部", "http://www.moe.gov.cn/"), ("民政部", "https://www.mca.gov.cn/"),
                       ("财政部", "http://www.mof.gov.cn/"), ("住房和城乡建设部", "https://www.mohurd.gov.cn/")]),
    ("地方政府网站", [("北京", "https://www.beijing.gov.cn/"), ("天津", "https://www.tj.gov.cn/"),
                     ("上海", "https://www.shanghai.gov.cn/"), ("四川", "https://www.sc.gov.cn/"),
                     ("贵州", "https://www.guizhou.gov.cn/")]),
    ("市政府部门网站", [("市发展改革委", "/"), ("市教委", "/"), ("市民政局", "/"), ("市住房城乡建委", "/"),
                       ("市卫生健康委", "/")]),
    ("区(县)政府网站", [("万州区", "/"), ("黔江区", "/"), ("涪陵区", "/"), ("渝北区", "/"), ("武隆区", "/")]),
    ("武隆区部门街镇网站", [("区发展改革委", "/"), ("区教委", "/"), ("区住房城乡建委", "/"), ("凤山街道", "/"),
                           ("芙蓉街道", "/")]),
    ("其他网站", [("中国政府网", "https://www.gov.cn/"), ("重庆市人民政府", "https://www.cq.gov.cn/")]),
]


def head(title, site, charset_meta, extra_meta=()):
    metas = [charset_meta,
             '<meta http-equiv="X-UA-Compatible" content="IE=edge">',
             '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
             '<meta name="SiteName" content="%s">' % attr(site["name"]),
             '<meta name="ColumnName" content="政策文件">',
             '<meta name="ArticleTitle" content="%s">' % attr(title)]
    metas += list(extra_meta)
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        *metas,
        "<title>%s_%s</title>" % (esc(title), esc(site["name"])),
        '<link rel="stylesheet" href="/images/common.css">',
        "<style>",
        ".xxgk td,.xxgk th{border:1px solid #ddd;padding:4px 8px}",
        ".view table{border-collapse:collapse;margin:0 auto}",
        ".view td{border:1px solid #000}",
        "</style>",
        '<script src="/js/jquery-1.12.4.min.js"></script>',
        "</head>",
    ])


def header_chrome(site):
    nav = "\n".join('    <li%s><a href="/%s">%s</a></li>' % (
        ' class="on"' if i == 1 else "", "" if i == 0 else "col%d/" % i, esc(n))
        for i, n in enumerate(site["nav"]))
    return "\n".join([
        '<div class="top-bar">',
        '  <div class="wrap"><span class="welcome">您好，欢迎访问%s！</span>' % esc(site["name"]),
        '  <span class="tools"><a href="javascript:;" id="wza">无障碍</a> | <a href="javascript:;" id="zzms">长者模式</a> | <a href="/login/">登录</a></span></div>',
        "</div>",
        '<div class="header">',
        '  <div class="logo"><a href="/" title="%s">%s</a></div>' % (attr(site["name"]), esc(site["name"])),
        '  <div class="search"><a href="/search/" target="_blank">站内搜索</a></div>',
        "</div>",
        '<div class="nav">',
        '  <ul class="nav-list">',
        nav,
        "  </ul>",
        "</div>",
    ])


def breadcrumb(items, sep=" &gt; ", label="您当前的位置："):
    links = sep.join('<a href="%s">%s</a>' % ("/" if i == 0 else "../" * (len(items) - i), esc(t))
                     for i, t in enumerate(items))
    return '<div class="crumb">%s%s</div>' % (esc(label), links)


def share_chrome():
    return "\n".join([
        '<div class="article-tools">',
        '  <div class="bdsharebuttonbox"><span>分享到：</span>'
        '<a href="#" class="bds_weixin" data-cmd="weixin" title="分享到微信">微信</a>'
        '<a href="#" class="bds_tsina" data-cmd="tsina" title="分享到新浪微博">微博</a>'
        '<a href="#" class="bds_qzone" data-cmd="qzone" title="分享到QQ空间">QQ空间</a></div>',
        '  <div class="ewm"><div id="qrcode"></div><p>扫一扫在手机打开当前页</p></div>',
        '  <div class="print"><a href="javascript:window.print();">【打印本页】</a>'
        '<a href="javascript:window.close();">【关闭窗口】</a></div>',
        "</div>",
        "<script>window._bd_share_config={common:{bdText:document.title},share:{}};</script>",
    ])


def fontsize_chrome(source):
    return ('<div class="article-info"><span>来源：%s</span><span class="zh">字号：'
            '<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> '
            '<a href="javascript:doZoom(14)">小</a></span></div>') % esc(source)


def footer_chrome(site, groups=None):
    groups = groups or FOOTER_LINKS[:4]
    parts = ['<div class="footer">', '  <div class="links">']
    for title, links in groups:
        parts.append('    <dl class="link-group"><dt>%s</dt><dd><ul>' % esc(title))
        for t, href in links:
            parts.append('      <li><a href="%s" target="_blank">%s</a></li>' % (attr(href), esc(t)))
        parts.append("    </ul></dd></dl>")
    parts += [
        "  </div>",
        '  <div class="copyright">',
        '    <p>主办：%s&nbsp;&nbsp;承办：%s&nbsp;&nbsp;<a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>'
        % (esc(site["host_office"]), esc(site["host_office"])),
        '    <p><a href="https://beian.miit.gov.cn/" target="_blank">%s</a>&nbsp;&nbsp;%s&nbsp;&nbsp;网站标识码：%s</p>'
        % (esc(site["icp"]), esc(site["gaba"]), esc(site["bsm"])),
        "  </div>",
        "</div>",
        '<script src="/js/common.js"></script>',
    ]
    return "\n".join(parts)


def meta_table_xxgk(meta, title):
    """The 政府信息公开 block as a <table class="xxgk">: label/value pairs, two per row."""
    def cell(label):
        return '<th>%s：</th><td>%s</td>' % (esc(label), esc(meta.get(label, "")))
    return "\n".join([
        '<table class="xxgk" width="100%" cellspacing="0" cellpadding="0">',
        "<tbody>",
        "<tr>%s%s</tr>" % (cell("索引号"), cell("发文字号")),
        "<tr>%s%s</tr>" % (cell("主题分类"), cell("发布机构")),
        "<tr>%s%s</tr>" % (cell("成文日期"), cell("发布日期")),
        '<tr><th>标&nbsp;&nbsp;&nbsp;&nbsp;题：</th><td colspan="3">%s</td></tr>' % esc(title),
        "</tbody>",
        "</table>",
    ])


def meta_div(meta):
    """The same block as many newer templates print it: a <div> with a <ul>."""
    items = ["索引号", "发文字号", "发布机构", "主题分类", "成文日期", "发布日期"]
    lis = "\n".join('    <li><span class="label">%s：</span><span class="value">%s</span></li>' % (
        esc(k), esc(meta.get(k, ""))) for k in items)
    return '<div class="xxgk-info">\n  <ul>\n%s\n  </ul>\n</div>' % lis


def meta_table_verbatim(lines):
    """Seed 001: its metadata block verbatim, `[ 索引号 ] value [ 发文字号 ] value` per row."""
    rows = []
    for line in lines:
        pairs = re.findall(r"\[ ([^\]]+?) \] ?(.*?)(?= \[ |$)", line)
        tds = "".join('<td class="t1">[ %s ]</td><td class="t2">%s</td>' % (esc(k), esc(v.strip()))
                      for k, v in pairs)
        rows.append("<tr>%s</tr>" % tds)
    return '<div class="zwxl-table">\n<table>\n<tbody>\n%s\n</tbody>\n</table>\n</div>' % "\n".join(rows)


# --------------------------------------------------------------------------------------------
# body: paragraphs and tables

def para_html(text, style):
    t = esc(text)
    if style == "h1":
        return '<h1 class="article-title">%s</h1>' % t
    if style == "center":
        return '<p style="text-align: center;"><strong><span style="font-family: 方正小标宋_GBK; font-size: 22px;">%s</span></strong></p>' % t
    if style == "center-plain":
        return '<p style="text-align: center;"><span style="font-family: 仿宋_GB2312;">%s</span></p>' % t
    if style == "table-title":
        return '<p style="text-align: center;"><span style="font-family: 方正小标宋_GBK; font-size: 20px;"><strong>%s</strong></span></p>' % t
    if style == "right":
        return '<p style="text-align: right;"><span style="font-family: 仿宋_GB2312;">%s</span></p>' % t
    if style == "noindent":
        return '<p><span style="font-family: 仿宋_GB2312;">%s</span></p>' % t
    if style == "heiti":
        return '<p><span style="font-family: 黑体;">%s</span></p>' % t
    if style == "indent-nbsp":
        # an editor's indent: four &nbsp; before the text
        return "<p>&nbsp;&nbsp;&nbsp;&nbsp;%s</p>" % t
    if style == "indent-heading":
        return '<p style="text-indent: 2em;"><strong><span style="font-family: 黑体;">%s</span></strong></p>' % t
    # default: first-line indent with a font span, long text in two spans
    runs = "".join('<span style="font-family: 仿宋_GB2312; font-size: 16px;">%s</span>' % esc(r)
                   for r in split_runs(text))
    return '<p style="text-indent: 2em;">%s</p>' % runs


def cell_inner(text, profile, is_header, r, c):
    """Inner HTML of one cell as a CMS editor produces it."""
    if text == "":
        return "&nbsp;" if profile["empty"] == "nbsp" else "<p>&nbsp;</p>"
    lines = text.split("\n")
    if is_header:
        font = profile.get("head_font", "黑体")
        inner = "<br>".join(esc(x) for x in lines)
        return '<p style="text-align: center;"><strong><span style="font-family: %s;">%s</span></strong></p>' % (font, inner)
    font = profile.get("font", "仿宋_GB2312")
    if profile.get("multiline") == "p" and len(lines) > 1 and c % 2 == 1:
        # some multi-line cells as one <p> per line (odd columns), the rest with <br>
        return "".join('<p><span style="font-family: %s;">%s</span></p>' % (font, esc(x)) for x in lines)
    parts = []
    for x in lines:
        runs = split_runs(x) if profile.get("split_runs") else [x]
        parts.append("".join('<span style="font-family: %s;">%s</span>' % (font, esc(rn)) for rn in runs))
    br = profile.get("br", "<br>")
    align = ' style="text-align: center;"' if len(text) <= 12 else ""
    return "<p%s>%s</p>" % (align, br.join(parts))


def table_html(table, profile):
    spans = resolve_spans(table)
    widths = col_widths(table)
    nh = table["header_rows"]
    out = ['<table border="1" cellspacing="0" cellpadding="0" width="100%%" style="border-collapse: collapse;"%s>'
           % (' class="%s"' % profile["class"] if profile.get("class") else "")]
    if profile.get("colgroup"):
        out.append("<colgroup>%s</colgroup>" % "".join('<col width="%d%%">' % w for w in widths))
    use_thead = profile.get("thead") and nh > 0
    if use_thead:
        out.append("<thead>")
    else:
        out.append("<tbody>")
    for r, row in enumerate(table["rows"]):
        if use_thead and r == nh:
            out.append("</thead>")
            out.append("<tbody>")
        is_header = r < nh
        tds = []
        for c, cell in enumerate(row["cells"]):
            if (r, c) not in spans:
                continue  # covered by a rowspan/colspan cell
            rs, cs = spans[(r, c)]
            text = cell["text"]
            tag = "th" if (is_header and use_thead) else "td"
            attrs = []
            if rs > 1:
                attrs.append('rowspan="%d"' % rs)
            if cs > 1:
                attrs.append('colspan="%d"' % cs)
            attrs.append('width="%d%%"' % sum(widths[c:c + cs]))
            attrs.append('valign="middle"')
            if fragile_number(text):
                attrs.append('sdnum="2052;0;@"')
            attrs.append('style="border: 1px solid #000000; padding: 2px 4px;"')
            tds.append("<%s %s>%s</%s>" % (tag, " ".join(attrs), cell_inner(text, profile, is_header, r, c), tag))
        h = ' style="height: 36px;"' if is_header else ""
        out.append("<tr%s>%s</tr>" % (h, "".join(tds)))
    out.append("</tbody>")
    out.append("</table>")
    return "\n".join(out)


def body_html(model, seed, lines):
    """The notice body: paragraphs, lists (from the .txt lines) and tables, in model order."""
    blocks = model["blocks"]
    out = []
    meta_lines = seed.get("meta_lines", ())
    for i, b in enumerate(blocks):
        if b["kind"] == "paragraph":
            if b["line"] in meta_lines:
                continue  # printed as the metadata block
            nxt = blocks[i + 1]["kind"] if i + 1 < len(blocks) else None
            style = seed["style"](b, nxt)
            if style == "h1":
                continue  # printed above the content container
            text = b["text"]
            if b["line"] in seed.get("raw_lines", ()):
                # the line as the page printed it, with its padding (U+2002 EN SPACE in seed 001)
                raw = lines[b["line"] - 1]
                assert raw.strip() == text, (raw, text)
                text = raw
            out.append(para_html(text, style))
            if seed.get("blank_after") and b["line"] in seed["blank_after"]:
                out.append("<p><br></p>")
        elif b["kind"] == "list":
            for it in b["items"]:
                out.append('<p style="text-indent: 2em;">%s</p>' % esc(lines[it["line"] - 1].strip()))
        elif b["kind"] == "table":
            out.append(table_html(b, seed["table_profile"]))
        else:
            raise ValueError(b["kind"])
    return "\n".join(out)


def title_line(model, seed):
    for b in model["blocks"]:
        if b["kind"] == "paragraph" and b["line"] == seed.get("h1_line"):
            return b["text"]
    return None


# --------------------------------------------------------------------------------------------
# paragraph styles per seed

def style_yubei2024(b, nxt):
    ln, t = b["line"], b["text"]
    if ln == 1:
        return "h1"
    if ln == 2:
        return "center-plain"
    if ln in (3, 4, 5):
        return "center"
    if nxt == "table":
        return "table-title"
    if ln in (15, 16):
        return "right"
    if re.fullmatch(r"附件\d*", t) or ln in (6, 12):
        return "noindent"
    if ln in (9, 10):
        return "indent-nbsp"
    return "indent"


def style_wulong(b, nxt):
    ln, t = b["line"], b["text"]
    if ln == 12:
        return "h1"
    if nxt == "table":
        return "table-title"
    if t in ("附件",) or ln == 14:
        return "heiti" if t == "附件" else "noindent"
    if re.match(r"[一二三四五六七八九十]+、", t) and len(t) < 20:
        return "indent-heading"
    return "indent"


def style_yubei2021(b, nxt):
    ln, t = b["line"], b["text"]
    if ln in (1, 3):
        return "center"
    if nxt == "table":
        return "table-title"
    if re.match(r"重点民生实事（", t) or t.startswith("（牵头单位"):
        return "center-plain"
    if b.get("_after_heading"):
        return "center-plain"
    if re.match(r"[一二三四五六七八九十]+、", t) and len(t) < 20:
        return "indent-heading"
    return "indent"


def style_qianjiang(b, nxt):
    ln, t = b["line"], b["text"]
    if ln == 1:
        return "h1"
    if ln == 2:
        return "center-plain"
    if ln in (3, 4, 5):
        return "center"
    if nxt == "table":
        return "table-title"
    if ln in (13, 14):
        return "right"
    if re.fullmatch(r"附件\d*", t):
        return "heiti"
    if ln == 6:
        return "noindent"
    return "indent"


SEEDS = [
    {
        "name": "yubei-2024-minsheng",
        "site": "yubei",
        "crumbs": ["首页", "政务公开", "政府信息公开目录", "政策文件", "区政府办公室文件"],
        "meta": {"发文字号": "渝北府办发〔2024〕5号", "发布机构": "重庆市渝北区人民政府办公室",
                 "成文日期": "2024-02-29"},
        "meta_kind": "xxgk",
        "h1_line": 1,
        "style": style_yubei2024,
        "source": "重庆市渝北区人民政府办公室",
        "table_profile": {"empty": "p-nbsp", "split_runs": True, "class": "", "colgroup": False},
    },
    {
        "name": "wulong-2023-minsheng",
        "site": "wulong",
        "meta_kind": "verbatim",
        "meta_lines": (7, 8, 9, 10),
        "raw_lines": (32, 34),
        "h1_line": 12,
        "style": style_wulong,
        "source": "武隆区政府办公室",
        "table_profile": {"empty": "nbsp", "br": "<br/>", "colgroup": True, "head_font": "方正黑体_GBK"},
    },
    {
        "name": "yubei-2021-minsheng-report",
        "site": "yubei",
        "crumbs": ["首页", "政务公开", "法定主动公开内容", "重点领域信息公开", "民生实事"],
        "meta": {},
        "meta_kind": "div",
        "h1_line": None,
        "page_title": "关于2021年重点民生实事项目办理情况的报告",
        "style": style_yubei2021,
        "source": "区发展改革委",
        "table_profile": {"empty": "nbsp", "thead": True, "multiline": "p"},
    },
    {
        "name": "qianjiang-2025-minsheng",
        "site": "qianjiang",
        "crumbs": ["首页", "政务公开", "政府信息公开目录", "政策文件", "区政府办公室文件"],
        "meta": {"发文字号": "黔江府办发〔2025〕20号", "发布机构": "重庆市黔江区人民政府办公室",
                 "成文日期": "2025-04-25"},
        "meta_kind": "div",
        "h1_line": 1,
        "style": style_qianjiang,
        "source": "重庆市黔江区人民政府办公室",
        "table_profile": {"empty": "nbsp", "thead": True, "split_runs": True, "class": "ke-zeroborder"},
    },
]


def mark_report_headings(model):
    """Seed 003: the project name line after each 重点民生实事（N） heading is centred too."""
    prev = None
    for b in model["blocks"]:
        if b["kind"] == "paragraph" and prev is not None and prev["kind"] == "paragraph" \
                and re.match(r"重点民生实事（", prev["text"]):
            b["_after_heading"] = True
        prev = b


# --------------------------------------------------------------------------------------------
# pages

def wulong_chrome(lines):
    """Seed 001's own chrome lines: breadcrumb, 文件下载 link, footer link-list headings."""
    crumb = lines[0]
    assert crumb.startswith("您当前的位置: "), crumb
    items = crumb[len("您当前的位置: "):].split(" > ")
    download = [l for l in lines[:8] if l.endswith(".docx")][0]
    tail = [l for l in lines if l.strip()]
    i = tail.index("扫一扫在手机打开当前页")
    groups = tail[i + 1:]
    return items, download, groups


def page(model, seed, charset_meta):
    site = SITES[seed["site"]]
    lines = txt_lines(seed["name"])
    if seed["name"].startswith("yubei-2021"):
        mark_report_headings(model)
    title = title_line(model, seed) or seed.get("page_title")
    parts = []
    if seed["meta_kind"] == "verbatim":
        crumbs, download, groups = wulong_chrome(lines)
        extra = ['<meta name="PubDate" content="2023-02-27 16:30">',
                 '<meta name="ContentSource" content="武隆区政府办公室">']
        parts.append(head(title, site, charset_meta, extra))
        parts.append("<body>")
        parts.append(header_chrome(site))
        parts.append(breadcrumb(crumbs, label="您当前的位置: "))
        parts.append('<div class="main">')
        parts.append('<div class="fjxz"><p>文件下载:</p><p><a href="./P020230227%s.docx">%s</a></p></div>'
                     % ("563412345678", esc(download)))
        meta_lines = [b["text"] for b in model["blocks"]
                      if b["kind"] == "paragraph" and b["line"] in seed["meta_lines"]]
        parts.append(meta_table_verbatim(meta_lines))
        footer_groups = [(g, dict(FOOTER_LINKS)[g]) for g in groups]
    else:
        parts.append(head(title, site, charset_meta))
        parts.append("<body>")
        parts.append(header_chrome(site))
        parts.append(breadcrumb(seed["crumbs"]))
        parts.append('<div class="main">')
        if seed["meta_kind"] == "xxgk":
            parts.append(meta_table_xxgk(seed["meta"], title))
        else:
            parts.append(meta_div(seed["meta"]))
        footer_groups = None
    parts.append('<div class="article">')
    if seed.get("h1_line"):
        parts.append(para_html(title, "h1"))
    parts.append(fontsize_chrome(seed["source"]))
    parts.append('<div class="view TRS_UEDITOR trs_paper_default trs_web" id="zoom">')
    parts.append(body_html(model, seed, lines))
    parts.append("</div>")
    parts.append("</div>")
    parts.append(share_chrome())
    parts.append("</div>")
    parts.append(footer_chrome(site, footer_groups))
    parts.append("</body>")
    parts.append("</html>")
    return "\n".join(parts) + "\n"


# --------------------------------------------------------------------------------------------
# Word "Save as Web Page" (seed 004)

WORD_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<link rel=File-List href="qianjiang-2025-minsheng.files/filelist.xml">
<title>%(title)s</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>Administrator</o:Author>
  <o:LastAuthor>Administrator</o:LastAuthor>
  <o:Revision>3</o:Revision>
  <o:TotalTime>12</o:TotalTime>
  <o:Created>2025-04-25T01:12:00Z</o:Created>
  <o:LastSaved>2025-04-25T02:03:00Z</o:LastSaved>
  <o:Pages>9</o:Pages>
  <o:Company>Microsoft</o:Company>
  <o:Version>16.00</o:Version>
 </o:DocumentProperties>
</xml><![endif]-->
<!--[if gte mso 9]><xml>
 <w:WordDocument>
  <w:View>Print</w:View>
  <w:SpellingState>Clean</w:SpellingState>
  <w:GrammarState>Clean</w:GrammarState>
  <w:TrackMoves>false</w:TrackMoves>
  <w:TrackFormatting/>
  <w:PunctuationKerning/>
  <w:DrawingGridVerticalSpacing>7.8 磅</w:DrawingGridVerticalSpacing>
  <w:DisplayHorizontalDrawingGridEvery>0</w:DisplayHorizontalDrawingGridEvery>
  <w:DisplayVerticalDrawingGridEvery>2</w:DisplayVerticalDrawingGridEvery>
  <w:ValidateAgainstSchemas/>
  <w:SaveIfXMLInvalid>false</w:SaveIfXMLInvalid>
  <w:IgnoreMixedContent>false</w:IgnoreMixedContent>
  <w:AlwaysShowPlaceholderText>false</w:AlwaysShowPlaceholderText>
  <w:Compatibility>
   <w:SpaceForUL/>
   <w:BalanceSingleByteDoubleByteWidth/>
   <w:DoNotLeaveBackslashAlone/>
   <w:ULTrailSpace/>
   <w:DoNotExpandShiftReturn/>
   <w:AdjustLineHeightInTable/>
   <w:UseFELayout/>
  </w:Compatibility>
  <m:mathPr>
   <m:mathFont m:val="Cambria Math"/>
  </m:mathPr></w:WordDocument>
</xml><![endif]--><!--[if gte mso 9]><xml>
 <w:LatentStyles DefLockedState="false" DefUnhideWhenUsed="false"
  DefSemiHidden="false" DefQFormat="false" DefPriority="99"
  LatentStyleCount="376">
  <w:LsdException Locked="false" Priority="0" QFormat="true" Name="Normal"/>
  <w:LsdException Locked="false" Priority="59" Name="Table Grid"/>
 </w:LatentStyles>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
	{font-family:宋体;
	panose-1:2 1 6 0 3 1 1 1 1 1;
	mso-font-alt:SimSun;
	mso-font-charset:134;
	mso-generic-font-family:auto;
	mso-font-pitch:variable;
	mso-font-signature:3 680460288 22 0 262145 0;}
@font-face
	{font-family:仿宋_GB2312;
	mso-font-charset:134;
	mso-generic-font-family:modern;
	mso-font-pitch:fixed;
	mso-font-signature:1 135135232 16 0 262144 0;}
@font-face
	{font-family:方正小标宋_GBK;
	mso-font-charset:134;
	mso-generic-font-family:script;
	mso-font-pitch:fixed;
	mso-font-signature:1 135135232 16 0 262144 0;}
 /* Style Definitions */
 p.MsoNormal, li.MsoNormal, div.MsoNormal
	{mso-style-unhide:no;
	mso-style-qformat:yes;
	mso-style-parent:"";
	margin:0cm;
	text-align:justify;
	text-justify:inter-ideograph;
	mso-pagination:none;
	font-size:10.5pt;
	mso-bidi-font-size:11.0pt;
	font-family:"Calibri",sans-serif;
	mso-ascii-font-family:Calibri;
	mso-fareast-font-family:宋体;
	mso-hansi-font-family:Calibri;
	mso-font-kerning:1.0pt;}
.MsoChpDefault
	{mso-style-type:export-only;
	mso-default-props:yes;
	font-family:"Calibri",sans-serif;}
 /* Page Definitions */
 @page
	{mso-page-border-surround-header:no;
	mso-page-border-surround-footer:no;}
@page WordSection1
	{size:595.3pt 841.9pt;
	margin:104.9pt 79.4pt 87.9pt 79.4pt;
	mso-header-margin:42.55pt;
	mso-footer-margin:49.6pt;
	mso-paper-source:0;
	layout-grid:28.9pt;}
div.WordSection1
	{page:WordSection1;}
@page WordSection2
	{size:841.9pt 595.3pt;
	mso-page-orientation:landscape;
	margin:70.9pt 72.0pt 70.9pt 72.0pt;
	mso-header-margin:42.55pt;
	mso-footer-margin:49.6pt;
	mso-paper-source:0;
	layout-grid:15.6pt;}
div.WordSection2
	{page:WordSection2;}
-->
</style>
<!--[if gte mso 10]>
<style>
 /* Style Definitions */
 table.MsoNormalTable
	{mso-style-name:普通表格;
	mso-tstyle-rowband-size:0;
	mso-tstyle-colband-size:0;
	mso-style-noshow:yes;
	mso-style-priority:99;
	mso-style-parent:"";
	mso-padding-alt:0cm 5.4pt 0cm 5.4pt;
	mso-para-margin:0cm;
	text-align:justify;
	text-justify:inter-ideograph;
	mso-pagination:none;
	font-size:10.5pt;
	font-family:"Calibri",sans-serif;}
</style>
<![endif]--><!--[if gte mso 9]><xml>
 <o:shapedefaults v:ext="edit" spidmax="1026"/>
</xml><![endif]--><!--[if gte mso 9]><xml>
 <o:shapelayout v:ext="edit">
  <o:idmap v:ext="edit" data="1"/>
 </o:shapelayout></xml><![endif]-->
</head>

<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>

"""


def word_runs(text, font, size, bold=False):
    """Word's runs: one span with the paragraph font; ASCII (digits, latin, ASCII punctuation)
    inside it in nested <span lang=EN-US>.  Word wraps its HTML source inside tags
    (`<span\nlang=EN-US>`) so that no whitespace lands in the text; runs of spaces are
    mso-spacerun spans.  The returned span is left open for the caller's <o:p> and closed by it.
    """
    out = []
    for m in re.finditer(r"[\x21-\x7e]+|[^\x21-\x7e]+", text):
        seg = m.group(0)
        if re.fullmatch(r"[\x21-\x7e]+", seg):
            out.append("<span\nlang=EN-US>%s</span>" % esc(seg))
        else:
            out.append(esc(seg).replace("  ", "<span style='mso-spacerun:yes'>&nbsp; </span>"))
    inner = "".join(out)
    if bold:
        inner = "<b>" + inner + "</b>"
    return "<span\nstyle='font-size:%s;font-family:%s;mso-hansi-font-family:\"Times New Roman\"'>%s" % (size, font, inner)


def word_para(text, kind):
    if kind == "title":
        return ("<p class=MsoNormal align=center style='text-align:center;line-height:28.0pt;"
                "mso-line-height-rule:exactly'>%s<span lang=EN-US><o:p></o:p></span></span></p>"
                % word_runs(text, "方正小标宋_GBK", "22.0pt"))
    if kind == "center":
        return ("<p class=MsoNormal align=center style='text-align:center;line-height:28.0pt;"
                "mso-line-height-rule:exactly'>%s<span lang=EN-US><o:p></o:p></span></span></p>"
                % word_runs(text, "仿宋_GB2312", "16.0pt"))
    if kind == "table-title":
        return ("<p class=MsoNormal align=center style='text-align:center;line-height:28.0pt;"
                "mso-line-height-rule:exactly'>%s<span lang=EN-US><o:p></o:p></span></span></p>"
                % word_runs(text, "方正小标宋_GBK", "18.0pt"))
    if kind == "right":
        return ("<p class=MsoNormal align=right style='text-align:right;line-height:28.0pt;"
                "mso-line-height-rule:exactly'>%s<span lang=EN-US><o:p></o:p></span></span></p>"
                % word_runs(text, "仿宋_GB2312", "16.0pt"))
    if kind == "heiti":
        return ("<p class=MsoNormal style='line-height:28.0pt;mso-line-height-rule:exactly'>%s"
                "<span lang=EN-US><o:p></o:p></span></span></p>"
                % word_runs(text, "黑体", "16.0pt"))
    if kind == "noindent":
        return ("<p class=MsoNormal style='line-height:28.0pt;mso-line-height-rule:exactly'>%s"
                "<span lang=EN-US><o:p></o:p></span></span></p>"
                % word_runs(text, "仿宋_GB2312", "16.0pt"))
    if kind == "blank":
        return ("<p class=MsoNormal style='line-height:28.0pt;mso-line-height-rule:exactly'><span\n"
                "lang=EN-US style='font-size:16.0pt;font-family:仿宋_GB2312'><o:p>&nbsp;</o:p></span></p>")
    return ("<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt;"
            "mso-line-height-rule:exactly'>%s<span lang=EN-US><o:p></o:p></span></span></p>"
            % word_runs(text, "仿宋_GB2312", "16.0pt"))


def word_table(table, total_pt):
    spans = resolve_spans(table)
    widths = col_widths(table)
    pts = [w * total_pt / 100.0 for w in widths]
    nh = table["header_rows"]
    nrows = len(table["rows"])
    out = ["<div align=center>",
           "<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 width=%d\n"
           " style='width:%.1fpt;border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;\n"
           " mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>" % (round(total_pt * 4 / 3), total_pt)]
    for r, row in enumerate(table["rows"]):
        flags = ["mso-yfti-irow:%d" % r]
        if r == 0:
            flags.append("mso-yfti-firstrow:yes")
        if r < nh:
            flags.append("page-break-inside:avoid")
        if r == nrows - 1:
            flags.append("mso-yfti-lastrow:yes")
        out.append(" <tr style='%s;height:%s'>" % (";".join(flags), "30.0pt" if r < nh else "42.5pt"))
        for c, cell in enumerate(row["cells"]):
            if (r, c) not in spans:
                continue
            rs, cs = spans[(r, c)]
            w = sum(pts[c:c + cs])
            a = "width=%d" % round(w * 4 / 3)
            if cs > 1:
                a += " colspan=%d" % cs
            if rs > 1:
                a += " rowspan=%d" % rs
            border = "border:solid windowtext 1.0pt" if r == 0 and c == 0 else \
                "border-top:none;border-left:solid windowtext 1.0pt;border-bottom:solid windowtext 1.0pt;border-right:solid windowtext 1.0pt"
            style = "width:%.1fpt;%s;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt;height:%s" % (
                w, border, "30.0pt" if r < nh else "42.5pt")
            text = cell["text"]
            head = r < nh or cs == table["width"]
            font = "黑体" if head else "仿宋_GB2312"
            size = "12.0pt" if head else "10.5pt"
            paras = []
            for line in (text.split("\n") if text else [""]):
                align = "center" if (head or len(line) <= 12) else "left"
                if line == "":
                    inner = "<span lang=EN-US style='font-size:%s;font-family:%s'><o:p>&nbsp;</o:p></span>" % (size, font)
                else:
                    inner = word_runs(line, font, size) + "<span lang=EN-US><o:p></o:p></span></span>"
                paras.append("  <p class=MsoNormal align=%s style='text-align:%s;line-height:16.0pt;"
                             "mso-line-height-rule:exactly'>%s</p>" % (align, align, inner))
            out.append("  <td %s valign=top style='%s'>\n%s\n  </td>" % (a, style, "\n".join(paras)))
        out.append(" </tr>")
    # Word adds this row when merged cells leave the columns misaligned
    out.append(" <![if !supportMisalignedColumns]>")
    out.append(" <tr height=0>")
    for p in pts:
        out.append("  <td width=%d style='border:none'></td>" % round(p * 4 / 3))
    out.append(" </tr>")
    out.append(" <![endif]>")
    out.append("</table>")
    out.append("</div>")
    return "\n".join(out)


def word_page(model, seed):
    lines = txt_lines(seed["name"])
    title = title_line(model, seed)
    parts = [WORD_HEAD % {"title": esc(title)}, "<div class=WordSection1 style='layout-grid:28.9pt'>", ""]
    blocks = model["blocks"]
    in_section2 = False
    for i, b in enumerate(blocks):
        nxt = blocks[i + 1]["kind"] if i + 1 < len(blocks) else None
        if b["kind"] == "paragraph":
            s = seed["style"](b, nxt)
            if b["text"] == "附件1" and not in_section2:
                # section break to the landscape attachment pages
                parts.append("<span lang=EN-US style='font-size:16.0pt;font-family:仿宋_GB2312'><br clear=all\n"
                             "style='page-break-before:always;mso-break-type:section-break'>\n</span>")
                parts.append("</div>\n")
                parts.append("<div class=WordSection2 style='layout-grid:15.6pt'>\n")
                in_section2 = True
            kind = {"h1": "title", "center": "title", "center-plain": "center", "table-title": "table-title",
                    "right": "right", "heiti": "heiti", "noindent": "noindent"}.get(s, "indent")
            parts.append(word_para(b["text"], kind))
            if b["line"] in (5, 12):
                parts.append(word_para("", "blank"))
        elif b["kind"] == "table":
            parts.append(word_table(b, 698.0 if b["width"] > 4 else 680.0))
            parts.append(word_para("", "blank"))
        elif b["kind"] == "list":
            for it in b["items"]:
                parts.append(word_para(lines[it["line"] - 1].strip(), "indent"))
    parts.append("</div>")
    parts.append("")
    parts.append("</body>")
    parts.append("")
    parts.append("</html>")
    return "\n".join(parts) + "\n"


# --------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", help="a built notice-extract binary (default: cargo run -q --)")
    ap.add_argument("--out", default=os.path.join(FIXTURES, "formats"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    def write(fname, data):
        path = os.path.join(args.out, fname)
        with open(path, "wb") as f:
            f.write(data)
        print("wrote %s (%d bytes)" % (os.path.relpath(path, ROOT), len(data)))

    for seed in SEEDS:
        model = load_model(seed["name"], args.bin)
        utf8 = page(model, seed, '<meta charset="utf-8">')
        write(seed["name"] + ".html", utf8.encode("utf-8"))
        if seed["name"] == "wulong-2023-minsheng":
            gbk = page(model, seed,
                       '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
            # characters GBK lacks (U+2002 EN SPACE in 年度投资 and the signature) become &#8194;
            write(seed["name"] + ".gbk.html", gbk.encode("gbk", errors="xmlcharrefreplace"))
        if seed["name"] == "qianjiang-2025-minsheng":
            w = word_page(model, seed)
            # Word on a Chinese Windows saves in the ANSI code page (936) and labels it gb2312
            write(seed["name"] + ".word.html", w.encode("gbk", errors="xmlcharrefreplace"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
