// A tiny BERT-shaped model that transformers.js loads from EMBEDDING_MODEL_DIR like all-MiniLM-L6-v2:
// config.json, a WordPiece tokenizer.json, and onnx/model.onnx taking (input_ids, attention_mask,
// token_type_ids) and returning last_hidden_state = tanh(word_embedding[id] + type_embedding[type]).
// The ONNX protobuf is written by hand (protobufjs' Writer) with seeded random weights, so a test can
// compute the expected mean-pooled, normalised sentence vector itself.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import protobuf from "protobufjs/minimal.js";

const SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];
const WORDS = (
  "heap sort binary search graph bfs dfs dynamic programming two pointers sliding window trie union find " +
  "knapsack interval merge stack queue tree cache system design mock interview behavioral story my i the a " +
  "of on with and to practised struggled reviewed solved forgot explained problem ##s ##ing ##ed"
).split(" ");

export interface TinyBert {
  dir: string;
  hidden: number;
  vocab: Record<string, number>;
  /** the sentence vector transformers.js must produce: mean of the token vectors, L2-normalised */
  expected(text: string): Float32Array;
}

/** mulberry32: deterministic weights */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type W = protobuf.Writer;
const message = (w: W, field: number, build: (inner: W) => void) => {
  w.uint32((field << 3) | 2).fork();
  build(w);
  w.ldelim();
};
const str = (w: W, field: number, value: string) => w.uint32((field << 3) | 2).string(value);
const varint = (w: W, field: number, value: number) => w.uint32(field << 3).int64(value);

const FLOAT = 1;
const INT64 = 7;

function valueInfo(w: W, field: number, name: string, elemType: number, dims: (number | string)[]) {
  message(w, field, (vi) => {
    str(vi, 1, name);
    message(vi, 2, (type) =>
      message(type, 1, (tensor) => {
        varint(tensor, 1, elemType);
        message(tensor, 2, (shape) => {
          for (const d of dims)
            message(shape, 1, (dim) => (typeof d === "number" ? varint(dim, 1, d) : str(dim, 2, d)));
        });
      }),
    );
  });
}

function initializer(w: W, name: string, dims: number[], values: Float32Array) {
  message(w, 5, (t) => {
    for (const d of dims) varint(t, 1, d);
    varint(t, 2, FLOAT);
    str(t, 8, name);
    t.uint32((9 << 3) | 2).bytes(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  });
}

function node(w: W, op: string, inputs: string[], outputs: string[]) {
  message(w, 1, (n) => {
    for (const i of inputs) str(n, 1, i);
    for (const o of outputs) str(n, 2, o);
    str(n, 3, `${op}_${outputs[0]}`);
    str(n, 4, op);
  });
}

/** Writes the model into `<root>/tiny-bert-<hidden>` and returns how to compute its expected vectors. */
export function writeTinyBert(root: string, hidden: number, seed = 7): TinyBert {
  const dir = join(root, `tiny-bert-${hidden}`);
  mkdirSync(join(dir, "onnx"), { recursive: true });
  const tokens = [...SPECIAL, ...WORDS];
  const vocab = Object.fromEntries(tokens.map((t, i) => [t, i]));
  const random = prng(seed);
  const words = Float32Array.from({ length: tokens.length * hidden }, () => random() * 2 - 1);
  const types = Float32Array.from({ length: 2 * hidden }, () => (random() * 2 - 1) * 0.1);

  const w = protobuf.Writer.create();
  varint(w, 1, 7); // ir_version
  str(w, 2, "maang-tests");
  message(w, 7, (g) => {
    node(g, "Gather", ["word_embeddings", "input_ids"], ["words"]);
    node(g, "Gather", ["type_embeddings", "token_type_ids"], ["types"]);
    node(g, "Add", ["words", "types"], ["summed"]);
    node(g, "Tanh", ["summed"], ["last_hidden_state"]);
    str(g, 2, "tiny-bert");
    initializer(g, "word_embeddings", [tokens.length, hidden], words);
    initializer(g, "type_embeddings", [2, hidden], types);
    for (const input of ["input_ids", "attention_mask", "token_type_ids"])
      valueInfo(g, 11, input, INT64, ["batch", "sequence"]);
    valueInfo(g, 12, "last_hidden_state", FLOAT, ["batch", "sequence", hidden]);
  });
  message(w, 8, (opset) => {
    str(opset, 1, "");
    varint(opset, 2, 13);
  });
  writeFileSync(join(dir, "onnx", "model.onnx"), w.finish());

  writeFileSync(
    join(dir, "config.json"),
    JSON.stringify({
      model_type: "bert",
      architectures: ["BertModel"],
      hidden_size: hidden,
      vocab_size: tokens.length,
      max_position_embeddings: 512,
      type_vocab_size: 2,
    }),
  );
  const special = (content: string) => ({
    id: vocab[content],
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  writeFileSync(
    join(dir, "tokenizer.json"),
    JSON.stringify({
      version: "1.0",
      truncation: null,
      padding: null,
      added_tokens: SPECIAL.map(special),
      normalizer: {
        type: "BertNormalizer",
        clean_text: true,
        handle_chinese_chars: true,
        strip_accents: null,
        lowercase: true,
      },
      pre_tokenizer: { type: "BertPreTokenizer" },
      post_processor: {
        type: "TemplateProcessing",
        single: [
          { SpecialToken: { id: "[CLS]", type_id: 0 } },
          { Sequence: { id: "A", type_id: 0 } },
          { SpecialToken: { id: "[SEP]", type_id: 0 } },
        ],
        pair: [
          { SpecialToken: { id: "[CLS]", type_id: 0 } },
          { Sequence: { id: "A", type_id: 0 } },
          { SpecialToken: { id: "[SEP]", type_id: 0 } },
          { Sequence: { id: "B", type_id: 1 } },
          { SpecialToken: { id: "[SEP]", type_id: 1 } },
        ],
        special_tokens: {
          "[CLS]": { id: "[CLS]", ids: [vocab["[CLS]"]], tokens: ["[CLS]"] },
          "[SEP]": { id: "[SEP]", ids: [vocab["[SEP]"]], tokens: ["[SEP]"] },
        },
      },
      decoder: { type: "WordPiece", prefix: "##", cleanup: true },
      model: {
        type: "WordPiece",
        unk_token: "[UNK]",
        continuing_subword_prefix: "##",
        max_input_chars_per_word: 100,
        vocab,
      },
    }),
  );
  writeFileSync(
    join(dir, "tokenizer_config.json"),
    JSON.stringify({
      tokenizer_class: "BertTokenizer",
      do_lower_case: true,
      model_max_length: 512,
      pad_token: "[PAD]",
      unk_token: "[UNK]",
      cls_token: "[CLS]",
      sep_token: "[SEP]",
      mask_token: "[MASK]",
    }),
  );

  /** WordPiece as the tokenizer does it for this vocabulary: lower-case words, then "##" suffixes */
  const ids = (text: string): number[] => {
    const out = [vocab["[CLS]"]];
    for (const word of text.toLowerCase().match(/[a-z0-9]+|[^\sa-z0-9]/g) ?? []) {
      let rest = word;
      const pieces: number[] = [];
      let first = true;
      while (rest.length > 0) {
        let end = rest.length;
        let found: number | undefined;
        for (; end > 0; end--) {
          const piece = (first ? "" : "##") + rest.slice(0, end);
          if (piece in vocab) {
            found = vocab[piece];
            break;
          }
        }
        if (found === undefined) {
          pieces.length = 0;
          pieces.push(vocab["[UNK]"]);
          break;
        }
        pieces.push(found);
        rest = rest.slice(end);
        first = false;
      }
      out.push(...pieces);
    }
    out.push(vocab["[SEP]"]);
    return out;
  };

  return {
    dir,
    hidden,
    vocab,
    expected(text: string): Float32Array {
      const tokenIds = ids(text);
      const sum = new Float32Array(hidden);
      for (const id of tokenIds)
        for (let h = 0; h < hidden; h++) sum[h] += Math.tanh(words[id * hidden + h] + types[h]) / tokenIds.length;
      const norm = Math.hypot(...sum) || 1;
      return sum.map((x) => x / norm);
    },
  };
}
