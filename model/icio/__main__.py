"""``python -m model.icio build [--out DIR]``: build the ICIO world folder;
``python -m model.icio compare``: run both models and write docs/comparison.md."""

import sys
from pathlib import Path

from model.errors import InputError


def main(argv=None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m model.icio")
    parser.add_argument("action", choices=["build", "compare"])
    parser.add_argument("--out", default=None, help="folder (default model/data/worlds/icio)")
    args = parser.parse_args(argv)
    from model.icio.build import OUT, build

    try:
        if args.action == "compare":
            from model.icio.compare_doc import DOC, write

            print(f"icio: wrote {write(Path(args.out) if args.out else DOC)}")
            return 0
        out = build(Path(args.out) if args.out else OUT)
    except InputError as exc:
        print(f"icio: error: {exc}", file=sys.stderr)
        return 2
    print(f"icio: wrote {out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
