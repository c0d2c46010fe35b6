#!/usr/bin/env python3
"""Validates the question bank the question service loads at start-up and prints a summary.

Usage: scripts/check-bank.py [BANK_DIR]
Exits 0 when the bank is sound, 1 with a list of problems otherwise.
"""
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

DEFAULT_BANK = Path(__file__).resolve().parent.parent / "question/src/main/resources/bank"
DIFFICULTIES = ("Easy", "Medium", "Hard")
MINIMUMS = {
  "arrays": 6, "strings": 6, "hashing": 5, "two-pointers": 5, "linked-lists": 5,
  "stacks-queues": 5, "trees": 6, "graphs": 6, "dynamic-programming": 7, "greedy": 5,
  "sorting-searching": 5, "bit-manipulation": 5,
}
MIN_TOTAL = 66
FIELDS = {"slug", "title", "difficulty", "topics", "description", "examples", "constraints",
          "hints", "starterCode"}
LANGUAGES = ("python", "java", "javascript", "cpp")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# The name each language's starter declares; compared across languages ignoring case and underscores.
DECLARED = {
  "python": re.compile(r"class Solution:\n(?:.*\n)*?    def (\w+)\(self"),
  "java": re.compile(r"class Solution \{\n(?:.*\n)*?    public [\w<>\[\], ]+? (\w+)\("),
  "javascript": re.compile(r"^function (\w+)\(", re.M),
  "cpp": re.compile(r"class Solution \{\npublic:\n(?:.*\n)*?    [\w<>:*&, ]+? (\w+)\("),
}


def text(value, low=1, high=None):
  return isinstance(value, str) and low <= len(value.strip()) and (high is None or len(value) <= high)


def string_list(value, low, high, longest=None):
  return (isinstance(value, list) and low <= len(value) <= high
          and all(text(item, 1, longest) for item in value) and len(set(value)) == len(value))


def blocks(markdown):
  """Paragraph-like blocks: text separated by blank lines, a fenced code block counting as one."""
  count, inside, fenced = 0, False, False
  for line in markdown.split("\n"):
    if line.lstrip().startswith("```"):
      fenced = not fenced
    if line.strip() or fenced:
      if not inside:
        count += 1
      inside = True
    else:
      inside = False
  return count


def check_examples(examples, where, problems):
  if not isinstance(examples, list) or not 2 <= len(examples) <= 3:
    problems.append(f"{where}: examples must be a list of 2 to 3 items")
    return
  for i, example in enumerate(examples):
    if not isinstance(example, dict) or set(example) != {"input", "output", "explanation"}:
      problems.append(f"{where}: example {i + 1} needs exactly input, output and explanation")
    elif not all(text(example[key], 1, 2000) for key in ("input", "output", "explanation")):
      problems.append(f"{where}: example {i + 1} has an empty field or one over 2000 characters")


def check_starter(code, where, problems):
  if not isinstance(code, dict) or set(code) != set(LANGUAGES):
    problems.append(f"{where}: starterCode needs exactly {', '.join(LANGUAGES)}")
    return
  names = {}
  for language in LANGUAGES:
    source = code[language]
    found = DECLARED[language].search(source) if text(source, 1, 10000) else None
    if not found:
      problems.append(f"{where}: {language} starter code lacks the Solution entry point")
      continue
    names[language] = found.group(1).replace("_", "").lower()
  if "python" in names and "pass" not in code["python"]:
    problems.append(f"{where}: python starter body should be `pass`")
  if len(set(names.values())) > 1:
    problems.append(f"{where}: starter code names differ across languages: {names}")


def check_question(question, topic, where, problems):
  if not isinstance(question, dict):
    problems.append(f"{where}: a question must be an object")
    return False
  missing, extra = FIELDS - set(question), set(question) - FIELDS
  if missing or extra:
    problems.append(f"{where}: missing {sorted(missing)} unexpected {sorted(extra)}")
    return False
  slug = question["slug"]
  where = f"{where} ({slug})"
  if not isinstance(slug, str) or not SLUG.match(slug) or len(slug) > 80:
    problems.append(f"{where}: slug must be lower-case kebab case of at most 80 characters")
  if not isinstance(question["title"], str) or not 3 <= len(question["title"].strip()) <= 80:
    problems.append(f"{where}: title must be 3 to 80 characters")
  if question["difficulty"] not in DIFFICULTIES:
    problems.append(f"{where}: difficulty must be one of {', '.join(DIFFICULTIES)}")
  topics = question["topics"]
  if not string_list(topics, 1, 3) or any(t not in MINIMUMS for t in topics):
    problems.append(f"{where}: topics must be 1 to 3 distinct known topic slugs")
  elif topics[0] != topic:
    problems.append(f"{where}: the first topic must be the file's topic {topic}")
  description = question["description"]
  if not text(description, 80, 4000) or not 2 <= blocks(description) <= 6:
    problems.append(f"{where}: description must be 80 to 4000 characters in 2 to 6 paragraphs")
  check_examples(question["examples"], where, problems)
  if not string_list(question["constraints"], 1, 10, 500):
    problems.append(f"{where}: constraints must be 1 to 10 distinct strings of 1 to 500 characters")
  if not string_list(question["hints"], 2, 3, 1000):
    problems.append(f"{where}: hints must be 2 to 3 distinct strings of 1 to 1000 characters")
  check_starter(question["starterCode"], where, problems)
  return True


def load(path, problems):
  try:
    return json.loads(path.read_text(encoding="utf-8"))
  except (OSError, ValueError) as error:
    problems.append(f"{path.name}: cannot be read as JSON: {error}")
    return None


def check_bank(bank, problems):
  files = load(bank / "index.json", problems)
  if not string_list(files, 1, 100) or not all(f.endswith(".json") for f in files):
    problems.append("index.json must be a list of distinct .json file names")
    return []
  on_disk = {p.name for p in bank.glob("*.json")} - {"index.json"}
  for orphan in sorted(on_disk - set(files)):
    problems.append(f"{orphan} is not listed in index.json")
  questions = []
  for name in files:
    topic = name[:-len(".json")]
    content = load(bank / name, problems) if name in on_disk else None
    if name not in on_disk:
      problems.append(f"index.json lists {name}, which does not exist")
    elif not isinstance(content, list) or not content:
      problems.append(f"{name} must hold a non-empty JSON array")
    else:
      for i, question in enumerate(content):
        if check_question(question, topic, f"{name}[{i}]", problems):
          questions.append(question)
  return questions


def check_collection(questions, problems):
  for key, label in (("slug", "slug"), ("title", "title (ignoring case)")):
    seen = Counter(str(q[key]).strip().casefold() for q in questions)
    for value, count in seen.items():
      if count > 1:
        problems.append(f"{label} {value!r} is used {count} times")
  table = defaultdict(Counter)
  for question in questions:
    table[question["topics"][0]][question["difficulty"]] += 1
  for topic, minimum in MINIMUMS.items():
    if sum(table[topic].values()) < minimum:
      problems.append(f"{topic} has {sum(table[topic].values())} questions, needs {minimum}")
    for difficulty in DIFFICULTIES:
      if not table[topic][difficulty]:
        problems.append(f"{topic} has no {difficulty} question")
  if len(questions) < MIN_TOTAL:
    problems.append(f"the bank has {len(questions)} questions, needs {MIN_TOTAL}")
  return table


def summary(questions, table):
  also = Counter(t for q in questions for t in q["topics"][1:])
  print(f"{'topic':<22}{'Easy':>6}{'Medium':>8}{'Hard':>6}{'total':>7}{'+secondary':>12}")
  for topic in sorted(set(MINIMUMS) | set(table)):
    row = table[topic]
    print(f"{topic:<22}{row['Easy']:>6}{row['Medium']:>8}{row['Hard']:>6}"
          f"{sum(row.values()):>7}{also[topic]:>12}")
  totals = Counter(q["difficulty"] for q in questions)
  print(f"{'all':<22}{totals['Easy']:>6}{totals['Medium']:>8}{totals['Hard']:>6}{len(questions):>7}")


def main():
  bank = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_BANK
  problems = []
  questions = check_bank(bank, problems)
  table = check_collection(questions, problems)
  summary(questions, table)
  if problems:
    print(f"\n{len(problems)} problem(s):")
    for problem in problems:
      print(f"- {problem}")
    return 1
  print("\nbank OK")
  return 0


if __name__ == "__main__":
  sys.exit(main())
