#!/usr/bin/env bash
# Remakes the LibreOffice-saved workbooks of this folder (see README.md). Needs
# LibreOffice (apt-get install libreoffice-calc) and a built pmo (cargo build --release).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../../.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$root/target/release/pmo" convert "$root/data/demo" -o "$tmp/demo.xlsx"
cp "$here/typed.fods" "$here/errors.fods" "$tmp/"
mkdir "$tmp/out"
for f in demo.xlsx typed.fods errors.fods; do
  (cd "$tmp" && libreoffice --headless --convert-to xlsx:"Calc MS Excel 2007 XML" --outdir out "$f" \
    && libreoffice --headless --convert-to ods --outdir out "$f")
done
cp "$tmp"/out/*.xlsx "$tmp"/out/*.ods "$here/"
