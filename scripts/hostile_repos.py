"""Three repositories for timing the build against hostile input (issue 17), in OUT:

* ``example``: the example records;
* ``hostile``: the example records plus the whole hostile corpus (``tests/hostile/``, the 50 MB case
  aside) and every image case of ``tests/test_hostile_images.py``, bombs included: the build stops at
  validation;
* ``hostile-valid``: the example records plus the corpus's accepted cases only, which are rendered.

    python scripts/hostile_repos.py OUT
    cd OUT/hostile-valid && GOLDENBOOK_PDF=0 /usr/bin/time -v mkdocs build --strict --site-dir /tmp/s
"""
import importlib.util, shutil, sys, yaml
from pathlib import Path
ROOT = Path(__file__).resolve().parent.parent
OUT = Path(sys.argv[1])
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]
from conftest import make_repo
spec = importlib.util.spec_from_file_location("gen", ROOT / "tests/hostile/generate.py"); gen = importlib.util.module_from_spec(spec); spec.loader.exec_module(gen)
import test_hostile_images as imgs
expected = yaml.safe_load((ROOT / "tests/hostile/expected.yml").read_text(encoding="utf-8"))
stored = ROOT / "tests/hostile/records"
shutil.rmtree(OUT, ignore_errors=True)
for name, only_valid in (("hostile", False), ("hostile-valid", True)):
    repo = make_repo(OUT / name, with_examples=True)
    sub = repo / "initiatives" / "zz-hostile"; sub.mkdir()
    for case, outcome in expected.items():
        if case == "file-50mb.yml" or (only_valid and outcome != "valid"):
            continue
        tmp = OUT / "tmpcase"; shutil.rmtree(tmp, ignore_errors=True)
        try:
            rel = gen.write_case(tmp, case, stored)
        except Exception as e:
            print("skip", case, e); continue
        src = tmp / rel
        if src.is_file() and not src.is_symlink():
            dst = sub / Path(rel).name
            dst.parent.mkdir(parents=True, exist_ok=True); shutil.copyfile(src, dst)
        for img in (tmp / "images").rglob("*"):
            if img.is_file():
                target = repo / "images" / img.relative_to(tmp / "images"); target.parent.mkdir(parents=True, exist_ok=True)
                if not target.exists(): shutil.copyfile(img, target)
    cases = dict(imgs.ACCEPTED) if only_valid else {**imgs.ACCEPTED, **{k: v[0] for k, v in imgs.REFUSED.items()}}
    for case, make in cases.items():
        (repo / "initiatives" / "an-giang").mkdir(parents=True, exist_ok=True)
        (repo / "initiatives" / "an-giang" / imgs._record_name(case)).write_text(imgs._record(case), encoding="utf-8")
        (repo / "images" / "thu").mkdir(parents=True, exist_ok=True)
        (repo / "images" / "thu" / case).write_bytes(make())
make_repo(OUT / "example", with_examples=True)
shutil.rmtree(OUT / "tmpcase", ignore_errors=True)
print("ok")
