#!/usr/bin/env python3
"""Score the binary against the hand labels of the real pages in fixtures/real/.

usage: scripts/score-real.py BIN [--show N] [DIR]

For each DIR/NAME.labels.json (written by reading DIR/NAME.txt by eye, never from the tool's output),
runs `BIN convert DIR/NAME.txt --format jsonl` and matches labelled records in order: a record is found
when its seq agrees and the label's name, first 8 characters without spaces (and without pinyin
glosses such as `(qū)`), appears in the record's
name, subproject or target (the rule of ../shared/corpus/tools/score_records.py). Lead units are
compared as sets, a project's being those of its record and of the continuation rows (part > 1, same
seq) after it, as the corpus scorer counts them; deadlines exactly where labelled. Records beyond the labelled ones count as extra,
but for a project's continuation rows (part > 1);
a page labelled {"projects": false} must give none. Last line: the summary.
"""
import argparse, glob, json, os, re, subprocess

CN = {c: i for i, c in enumerate("零一二三四五六七八九十")}


def seq_int(v):
    t = re.sub(r"[\s()（）、.．:：]|^第|是$", "", str(v if v is not None else ""))
    if len(t) == 1 and "\u2460" <= t <= "\u2473":
        return ord(t) - 0x2460 + 1
    if len(t) == 1 and "\u2474" <= t <= "\u2487":
        return ord(t) - 0x2474 + 1
    if t.isdigit():
        return int(t)
    if t and all(c in CN for c in t):
        if len(t) == 1:
            return CN[t]
        if t[0] == "十":
            return 10 + CN[t[1]]
        if t[1] == "十":
            return CN[t[0]] * 10 + (CN[t[2]] if len(t) > 2 else 0)
    return None


TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zü" + TONES + r"]{1,8}[)）]")


def ns(s):
    """Spaces removed, and the pinyin some mirror sites print after characters (小區(qū)), which the tool drops."""
    s = re.sub(r"\s+", "", s or "")
    return GLOSS.sub(lambda m: "" if any(c in TONES for c in m.group(0)) else m.group(0), s)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("dir", nargs="?", default=os.path.join(os.path.dirname(__file__), "..", "fixtures", "real"))
    ap.add_argument("--show", type=int, default=0)
    a = ap.parse_args()
    total = found = lead = dl_total = dl_ok = extra = neg_bad = 0
    per, problems = [], []
    for lp in sorted(glob.glob(os.path.join(a.dir, "*.labels.json"))):
        name = os.path.basename(lp)[: -len(".labels.json")]
        gold = json.load(open(lp, encoding="utf-8"))
        p = subprocess.run([a.bin, "convert", os.path.join(a.dir, name + ".txt"), "--format", "jsonl"],
                           capture_output=True, timeout=60)
        recs = [json.loads(l) for l in p.stdout.decode("utf-8", "replace").splitlines() if l.startswith("{")]
        if not gold.get("projects", True):
            if recs:
                neg_bad += 1
                problems.append((name, "-", f"negative page gave {len(recs)} records"))
            per.append(f"{name}:neg{'!' if recs else ''}")
            continue
        used, f = set(), 0
        for g in gold["records"]:
            total += 1
            key = ns(g["name"])[:8]
            gs = seq_int(g.get("seq"))
            hit = next((i for i, r in enumerate(recs) if i not in used and (gs is None or seq_int(r.get("seq")) == gs)
                        and key and key in ns(r.get("name")) + "|" + ns(r.get("subproject")) + "|" + ns(r.get("target"))), None)
            if hit is None:
                problems.append((name, g.get("seq"), f"{g['name'][:24]} NOT FOUND"))
                continue
            used.add(hit)
            f += 1
            r = recs[hit]
            # a project's units are those of its first row and of its continuation rows
            # (part > 1, same seq) that follow, as in the corpus scorer
            units = list(r.get("lead_units") or [])
            j = hit + 1
            while j < len(recs) and (recs[j].get("part") or 1) > 1 and recs[j].get("seq") == r.get("seq"):
                units += [u for u in (recs[j].get("lead_units") or []) if u not in units]
                j += 1
            if sorted(set(map(ns, g.get("lead_units") or []))) == sorted(set(map(ns, units))):
                lead += 1
            else:
                problems.append((name, g.get("seq"), f"LEAD {g.get('lead_units')} got {units}"))
            if g.get("deadline"):
                dl_total += 1
                if ns(g["deadline"]) == ns(r.get("deadline")):
                    dl_ok += 1
                else:
                    problems.append((name, g.get("seq"), f"DEADLINE {g['deadline']} got {r.get('deadline')}"))
        found += f
        # continuation rows of a project (part > 1) are not extra, as in the corpus scorer
        more = sum(1 for i, r in enumerate(recs) if i not in used and (r.get("part") or 1) <= 1)
        extra += more
        per.append(f"{name}:{f}/{len(gold['records'])}+{more}")
    for pr in problems[: a.show]:
        print("  ", *pr)
    print(" ".join(per))
    print(f"real fixtures rows found={found}/{total} lead_units={lead}/{total} deadline={dl_ok}/{dl_total} "
          f"extra={extra} negatives_with_records={neg_bad}")


if __name__ == "__main__":
    main()
