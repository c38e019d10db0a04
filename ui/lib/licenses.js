// The About screen's list of open-source crates: finding one by name or
// licence, and how many crates each licence covers. The data is
// ui/about/licenses.js, generated from Cargo.lock by scripts/licenses.sh.

/** The words of a search, lower case. */
function words(query) {
  return String(query ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
}

/** True when every word is in the crate's name or its licence expression. */
export function matchesCrate(crate, query) {
  const haystack = `${crate.name} ${crate.license}`.toLowerCase();
  return words(query).every((word) => haystack.includes(word));
}

/** The crates a search finds, in their order (all of them for an empty search). */
export function filterCrates(crates, query) {
  return crates.filter((crate) => matchesCrate(crate, query));
}

/** [{license, count}]: how many crates each licence expression covers, most first. */
export function licenceSummary(crates) {
  const counts = new Map();
  for (const crate of crates) counts.set(crate.license, (counts.get(crate.license) ?? 0) + 1);
  return [...counts]
    .map(([license, count]) => ({ license, count }))
    .sort((a, b) => b.count - a.count || a.license.localeCompare(b.license));
}

/** The licence texts of one crate ({license, name, text}), skipping bad indices. */
export function textsOf(crate, texts) {
  return (crate.texts ?? []).map((index) => texts[index]).filter(Boolean);
}
