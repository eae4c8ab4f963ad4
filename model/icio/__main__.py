"""``python -m model.icio build [--out DIR]``: build the ICIO world folder."""

import sys
from pathlib import Path

from model.errors import InputError


def main(argv=None) -> int:
    import argparse

    p = argparse.ArgumentParser(prog="python -m model.icio")
    p.add_argument("action", choices=["build"])
    p.add_argument("--out", default=None, help="folder (default model/data/worlds/icio)")
    args = p.parse_args(argv)
    from model.icio.build import OUT, build

    try:
        out = build(Path(args.out) if args.out else OUT)
    except InputError as exc:
        print(f"icio: error: {exc}", file=sys.stderr)
        return 2
    print(f"icio: wrote {out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
