#!/usr/bin/env python3
"""Writes the starting corpora (fuzz/seeds/<target>/) from the repository's
real files: the graphs in graphs/, the CSV examples of the tests and the
dates and names they use. run.sh fuzzes from fuzz/corpus/<target>/ (the
minimised corpus, committed) plus these seeds."""
import csv, glob, io, json, os, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, "seeds")
RS = b"\x1e"


def put(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


shutil.rmtree(OUT, ignore_errors=True)
graphs = [json.load(open(p)) for p in sorted(glob.glob(os.path.join(ROOT, "graphs", "*.json")))]

# load_document: the real graphs, a small one with every optional field,
# and the shapes of bad documents the tests check.
for p in sorted(glob.glob(os.path.join(ROOT, "graphs", "*.json"))):
    put("load_document", os.path.basename(p), open(p, "rb").read())
small = {
    "polgraph": 1, "name": "small", "description": "d",
    "actions": [{"name": "filibustered", "category": "PROTEST", "quad": "verbal_conflict", "score": -3.0},
                {"name": "seconded_to", "category": "TIE", "quad": "neutral", "score": 0, "tie": True}],
    "sources": [{"id": "s1", "title": "T", "publisher": "P", "date": "2021-01", "url": "https://x"}],
    "actors": [{"id": "b", "name": "서울중앙지방법원", "kind": "court", "country": "KOR", "aliases": ["Seoul court"],
                "attributes": {"wikidata": "Q1"}, "description": "x"},
               {"id": "a", "name": "茂木 敏充", "kind": "person"}],
    "edges": [{"source": "a", "action": "filibustered", "target": "b", "date": "2021-01-18/2021-01-24",
               "status": "planned", "summary": "s", "cites": ["s1"]},
              {"id": "e7", "source": "a", "action": "seconded_to", "target": "b", "date": "2020-07/.."}],
}
put("load_document", "small.json", json.dumps(small, ensure_ascii=False, indent=1))
bad = {
    "duplicate_actor": '{"polgraph": 1, "actors": [{"id": "a", "name": "A", "kind": "state"}, {"id": "a", "name": "A", "kind": "state"}]}',
    "bad_date": '{"polgraph": 1, "actors": [{"id": "a", "name": "A", "kind": "s"}], "edges": [{"source": "a", "action": "met", "target": "a", "date": "2021-02-30"}]}',
    "version": '{"polgraph": 2}',
    "list_is_string": '{"polgraph": 1, "edges": "none"}',
    "edge_ids": '{"polgraph": 1, "actors": [{"id": "a", "name": "A", "kind": "s"}], "edges": [{"id": "e9", "source": "a", "action": "met", "target": "a"}, {"source": "a", "action": "met", "target": "a"}]}',
}
for k, v in bad.items():
    put("load_document", k + ".json", v)

# parse_date: mode byte ('3' = from and to), then the text.
dates = set()
for g in graphs:
    for e in g["edges"] + g["sources"]:
        if e.get("date"):
            dates.add(e["date"])
dates |= {"2021", "2021-01", "2020-02-29", "0000-01-01", "9999-12-31", "2021-01-15/2021-01",
          "../2021", "2021/..", "2021-02-30", "99999-01-01", "../..", "2021-02/2021-01", "2021/"}
for i, d in enumerate(sorted(dates)):
    put("parse_date", f"date{i}", "3" + d)
put("parse_date", "window", "32021-01\n2021-03")
put("parse_date", "window_from", "12021-01\n2021")
put("parse_date", "window_reversed", "32021-03\n2021-01-15")

# csv_import: mode byte ('3' = both files, '7' = also --create-actors),
# actors.csv RS events.csv.
g = graphs[0]
a = io.StringIO()
w = csv.writer(a, lineterminator="\n")
w.writerow(["id", "name", "kind", "country", "aliases", "description"])
for x in g["actors"][:8]:
    w.writerow([x["id"] + "-2", x["name"] + " 2", x["kind"], x.get("country", ""),
                ";".join(x.get("aliases", [])[:2]), x.get("description", "")[:30]])
ev = io.StringIO()
w = csv.writer(ev, lineterminator="\n")
w.writerow(["source", "action", "target", "date", "status", "summary", "cites", "id"])
for i, e in enumerate(g["edges"][:10]):
    w.writerow([e["source"], e["action"], e["target"], e.get("date", ""), e.get("status", ""),
                e.get("summary", "")[:40], ";".join(e.get("cites", [])), f"x{i}"])
put("csv_import", "seed_both", b"3" + a.getvalue().encode() + RS + ev.getvalue().encode())
put("csv_import", "tests_import", b"3" + b"id,name,kind,country,aliases\nusa-gov,Government of the United States,government,USA,Washington;US government\n"
    + RS + b"source,action,target,date,status,summary\nWashington,urged,jpn-gov,2021-02,,urged restraint\nusa-gov,met,Kim Jung-han,,planned,\n")
put("csv_import", "tests_bad", b"2" + RS + b"source,action,target,date\njpn-gov,met,kor-gov,2021-02-30\nnobody,met,kor-gov,2021\njpn-gov,Met!,kor-gov,2021\njpn-gov,met\n")
put("csv_import", "tests_create", b"7" + RS + b"source,action,target,date\nUN Special Rapporteur,criticized,jpn-gov,2021-03\n\"Quoted, name\",met,jpn-gov,2021\n")

# resolve_name: a query line, then alias lines.
names = set()
for x in g["actors"]:
    names.add(x["id"]); names.add(x["name"]); names.update(x.get("aliases", []))
for i, n in enumerate(sorted(names)):
    put("resolve_name", f"name{i}", n)
put("resolve_name", "aliases", "seoul\nSeoul\nJosé\nİstanbul\n東京")
