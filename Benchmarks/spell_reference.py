#!/usr/bin/env python3
"""symspellpy and pyspellchecker on the cases `critic-bench correction` exported, side by side
with our corrector's answers (issue 16).

Usage: spell_reference.py FOLDER   (FOLDER written with CRITIC_BENCH_EXPORT=FOLDER critic-bench correction)

Each critic's spell checkers get a dictionary with counts from that critic's training text, the
text our model was trained on (train.<critic>.txt); both may propose words up to two edits away,
as our corrector does for a word outside the vocabulary. A spell checker sees one word and no
context: its top proposal for the typed word is compared with the word the critic wrote.
Real-word cases are not run through them: the typed word is in their dictionary, so they keep it.
"""
import collections
import csv
import os
import sys

from spellchecker import SpellChecker
from symspellpy import SymSpell, Verbosity

EDITS = ["deletion", "insertion", "substitution", "transposition"]


def main(folder):
    with open(os.path.join(folder, "cases.tsv"), newline="") as handle:
        cases = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    critics = sorted({case["critic"] for case in cases})
    hits = collections.defaultdict(lambda: collections.Counter())  # (system, critic, edit) -> hits, total
    for critic in critics:
        with open(os.path.join(folder, f"train.{critic}.txt")) as handle:
            words = handle.read().split()
        counts = collections.Counter(words)
        symspell = SymSpell(max_dictionary_edit_distance=2)
        for word, count in counts.items():
            symspell.create_dictionary_entry(word, count)
        checker = SpellChecker(language=None, distance=2, case_sensitive=True)
        checker.word_frequency.load_words(words)
        for case in cases:
            if case["critic"] != critic or case["kind"] != "typo":
                continue
            typed, truth = case["typed"], case["truth"]
            found = symspell.lookup(typed, Verbosity.TOP, max_edit_distance=2)
            answers = {
                "critic (ours)": case["ours"],
                "symspellpy": found[0].term if found else typed,
                "pyspellchecker": checker.correction(typed) or typed,
            }
            for system, answer in answers.items():
                for key in [(system, critic, case["edit"]), (system, critic, "all"), (system, "all", case["edit"]), (system, "all", "all")]:
                    hits[key]["total"] += 1
                    hits[key]["hits"] += int(answer == truth)

    def rate(key):
        counter = hits[key]
        return 100.0 * counter["hits"] / counter["total"] if counter["total"] else float("nan")

    systems = ["critic (ours)", "symspellpy", "pyspellchecker"]
    print("Typo restored by the top proposal, % (one typo per held-out review, out of vocabulary)")
    header = f"{'critic':20} {'edit':14} {'n':>4} " + " ".join(f"{s:>15}" for s in systems) + "   ours − best other"
    print(header)
    for critic in critics + ["all"]:
        for edit in EDITS + ["all"]:
            key_total = hits[(systems[0], critic, edit)]["total"]
            values = [rate((s, critic, edit)) for s in systems]
            margin = values[0] - max(values[1:])
            print(f"{critic:20} {edit:14} {key_total:4d} " + " ".join(f"{v:15.1f}" for v in values) + f"   {margin:+.1f}")
    overall = [rate((s, "all", "all")) for s in systems]
    per_critic_ok = all(
        rate((systems[0], c, "all")) >= 95 and rate((systems[0], c, "all")) >= max(rate((s, c, "all")) for s in systems[1:]) + 5
        for c in critics)
    print(f"acceptance (every critic ≥ 95 % and ≥ both spell checkers + 5 points): {'met' if per_critic_ok else 'NOT met'}"
          f"  (overall {overall[0]:.1f} vs {overall[1]:.1f} / {overall[2]:.1f})")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
