// The words of a question that name its topic, without the words that only frame it.
import { CONCEPTS } from "./domain-vocabulary.js";
import { analyse, tokenize } from "./offline-embedder.js";

/**
 * Words that frame a question rather than name its topic ("what did I *work on*", "*notes* about", "*problems*
 * with"). They are dropped from the query before matching — as full-text terms they match half of all
 * memories — and a question made of only these and a time ("what did I work on yesterday?") lists that
 * time's memories. Words that are part of a domain phrase ("binary *search*", "union *find*") never count.
 */
const GENERIC_WORDS: ReadonlySet<string> = (() => {
  const inPhrases = new Set(CONCEPTS.flatMap((c) => c.variants.flatMap((v) => tokenize(v))));
  const words = (
    "work worked working study studied studying learn learned learnt practice practise practiced practised note " +
    "notes noted mention mentioned talk talked discuss discussed write wrote written memory memories remember " +
    "happen happened day week month time recap summary summarise summarize cover covered focus focused spend spent " +
    "show find look problem problems question questions trick tricks tip tips help helped " +
    // what a learner says around a period ("what did I get done / solve / grind last weekend?", "remind me")
    "done everything anything something stuff thing things remind progress solve solved attempt attempted give " +
    "grind grinded accomplish accomplished achieve achieved busy"
  ).split(" ");
  return new Set(words.flatMap((w) => tokenize(w)).filter((t) => !inPhrases.has(t)));
})();

/** The question without its framing words (stopwords stay: they can belong to a phrase such as "union by rank"). */
export function topicalWords(question: string): string {
  return question
    .split(/\s+/)
    .filter((word) => {
      const units = analyse(word);
      return units.length === 0 || units.some((u) => u.kind === "concept" || !GENERIC_WORDS.has(u.text));
    })
    .join(" ");
}
