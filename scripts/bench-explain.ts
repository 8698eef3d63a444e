// Benchmark stage "explain": input → grammar → tracker → explanations (en), the whole text pipeline minus output.
export { runExplain as run } from './bench-track';
