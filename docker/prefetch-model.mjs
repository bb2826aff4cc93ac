// Build-time only: downloads an embedding model into DIR/<org>/<model>, the layout EMBEDDING_MODEL_DIR
// expects, and checks that it produces vectors. `node docker/prefetch-model.mjs Xenova/all-MiniLM-L6-v2 /models`
import { env, pipeline } from "@huggingface/transformers";

const [model = "Xenova/all-MiniLM-L6-v2", dir = "/models"] = process.argv.slice(2);
env.cacheDir = dir;
env.allowRemoteModels = true;
const extract = await pipeline("feature-extraction", model, { dtype: "fp32" });
const probe = await extract(["prefetch check"], { pooling: "mean", normalize: true });
console.log(`${model}: ${probe.dims.at(-1)}-dimensional vectors, stored under ${dir}`);
