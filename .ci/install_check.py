"""Run in the venv that only the README's install made: the HTML path must really run trafilatura and drop comments."""

import json
import subprocess
import sys

PAGE = "tests/data/article-with-comments.html"
out = subprocess.run(["summarize", "extract", "--no-cache", "--format", "json", PAGE], capture_output=True, text=True)
if out.returncode != 0:
    sys.exit(f"summarize extract {PAGE} exited {out.returncode}:\n{out.stderr}")
doc = json.loads(out.stdout)
text = doc["text"]
problems = []
if doc["title"] != "Le plan ferroviaire de la région adopté":
    problems.append(f"title is {doc['title']!r}")
for kept in ("450 millions d'euros", "a-t-il expliqué", "progressé de 18 %"):
    if kept not in text:
        problems.append(f"article sentence with {kept!r} is missing")
for dropped in ("réaction n°", "Répondre", "j'aime", "commentaires", "Laisser un commentaire", "Photo : Jean Roux"):
    if dropped in text:
        problems.append(f"{dropped!r} (comments, form or caption) is still in the text")
if out.stderr.strip():
    problems.append(f"unexpected warnings: {out.stderr.strip()}")
if problems:
    sys.exit("install check failed:\n- " + "\n- ".join(problems))
print(f"install check: trafilatura ran, {len(text.split())} words kept, 40 comments dropped")
