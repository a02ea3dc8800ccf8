#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/Targets/*.swift against the library sources, with swiftc's
# -sanitize=fuzzer,address, into Fuzz/.build/ (outside the main package's build).
#
# SwiftPM cannot build these itself: libFuzzer supplies main(), so a target is one file defining
# LLVMFuzzerTestOneInput linked against instrumented copies of the library modules. Each module is
# compiled whole-module into one object; the C shims (CICU, and the system module maps of libxml2
# and OpenBLAS) come from Sources/ unchanged.
#
# Usage: Fuzz/build.sh            (FUZZ_TARGET=ARPAReader builds one target)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$here/.build"
mkdir -p "$out/modules" "$out/cicu"
SWIFTC="${SWIFTC:-swiftc}"
CLANG="${CLANG:-$(dirname "$(command -v "$SWIFTC")")/clang}"

sanitize=(-sanitize=fuzzer,address)
common=(-swift-version 6 -O -g -suppress-warnings -parse-as-library -enable-testing -package-name CriticKit
        -I "$out/modules" -I "$out/cicu" -I "$out/cfs"
        -I "$root/Sources/CLibXML2" -I "$root/Sources/CBLAS"
        -Xcc -I/usr/include/libxml2 $(pkg-config --cflags-only-I openblas | sed 's/-I/-Xcc -I/g'))

# CICU: the C shim, instrumented for coverage like the Swift code.
cat > "$out/cicu/module.modulemap" <<MAP
module CICU {
    header "$root/Sources/CICU/include/CICU.h"
    export *
}
MAP
"$CLANG" -O1 -g -fsanitize=fuzzer-no-link,address -I "$root/Sources/CICU/include" \
    -c "$root/Sources/CICU/CICU.c" -o "$out/cicu/CICU.o"

# CFileSystem: the C shim of CriticSupport's atomic folder swap.
mkdir -p "$out/cfs"
cat > "$out/cfs/module.modulemap" <<MAP
module CFileSystem {
    header "$root/Sources/CFileSystem/include/CFileSystem.h"
    export *
}
MAP
"$CLANG" -O1 -g -fsanitize=fuzzer-no-link,address -I "$root/Sources/CFileSystem/include" \
    -c "$root/Sources/CFileSystem/CFileSystem.c" -o "$out/cfs/CFileSystem.o"

# Modules in dependency order (as Package.swift states them).
for module in CriticSupport CriticCorpus CriticLM CriticLinearAlgebra CriticRBM CriticPlots CriticKit; do
    sources=$(find "$root/Sources/$module" -name '*.swift' | sort)
    stamp="$out/modules/$module.sources"
    # Rebuild only when a source changed (content hash over the module's files).
    hash=$(cat $sources | sha256sum | cut -d' ' -f1)
    if [ -f "$out/modules/$module.o" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$hash" ] && [ "${rebuilt:-0}" = 0 ]; then
        continue
    fi
    echo "fuzz: compiling $module" >&2
    "$SWIFTC" "${common[@]}" "${sanitize[@]}" -wmo -module-name "$module" \
        -emit-module -emit-module-path "$out/modules/$module.swiftmodule" \
        -c $sources -o "$out/modules/$module.o"
    echo "$hash" > "$stamp"
    rebuilt=1
done

libraries=(-lxml2 $(pkg-config --libs openblas) -licui18n -licuuc -licudata)
for target in "$here"/Targets/${FUZZ_TARGET:-*}.swift; do
    name=$(basename "$target" .swift)
    echo "fuzz: linking $name" >&2
    "$SWIFTC" "${common[@]}" "${sanitize[@]}" -module-name "Fuzz$name" "$target" "$here"/Support/*.swift \
        "$out"/modules/*.o "$out/cicu/CICU.o" "$out/cfs/CFileSystem.o" "${libraries[@]}" -lstdc++ \
        -o "$out/$name" 2> >(grep -v 'Cannot export local symbol' >&2)
done
