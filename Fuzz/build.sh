#!/usr/bin/env bash
# Builds the libFuzzer targets into .build/fuzz: PermitCore, PermitLocalization, PermitContent and
# PermitTraining (the library targets the fuzz targets reach, in dependency order) compiled with
# `-sanitize=fuzzer` (coverage instrumentation) as static libraries, then each target linked against
# them with libFuzzer's main. Usage: Fuzz/build.sh  (prints nothing on success)
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build/fuzz
mkdir -p "$out"
flags=(-O -sanitize=fuzzer -parse-as-library -swift-version 6 -I "$out" -I Sources/CLibYAML)
stamp="$out/.stamp"
sources=$(find Sources/PermitCore Sources/PermitLocalization Sources/PermitContent Sources/PermitTraining Fuzz -name '*.swift' -newer "$stamp" 2>/dev/null | head -1 || true)
if [ -f "$stamp" ] && [ -z "$sources" ] && [ -x "$out/fuzz-yaml" ] && [ -x "$out/fuzz-repl" ]; then exit 0; fi
libs=(PermitCore PermitLocalization PermitContent PermitTraining)
for m in "${libs[@]}"; do
  swiftc "${flags[@]}" -module-name "$m" -emit-module -emit-module-path "$out/$m.swiftmodule" \
    -emit-library -static -o "$out/lib$m.a" $(find "Sources/$m" -name '*.swift' | sort)
done
for t in YAML Repl; do
  lower=$(echo "$t" | tr 'A-Z' 'a-z')
  swiftc "${flags[@]}" -module-name "Fuzz$t" Fuzz/${t}Target/*.swift -L "$out" -lPermitTraining -lPermitContent -lPermitLocalization -lPermitCore -lyaml \
    -o "$out/fuzz-$lower"
done
touch "$stamp"
