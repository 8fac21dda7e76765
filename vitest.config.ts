import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // One module graph per worker instead of one per file: measured here, 46 s instead of 122 s for
    // the 1,077 tests (importing TensorFlow.js and the tokenizer in every file was most of the time).
    // The price is that files share module state; the suite passes in shuffled orders
    // (`npx vitest run --sequence.shuffle --sequence.seed=N`, seeds 1–3 and 5), which is how the one
    // order dependence (a test reading a file another test wrote) was found and removed. Spies,
    // stubbed globals and stubbed variables are undone after each test, so nothing one file does
    // (a silenced console.error, say) leaks into the next.
    isolate: false,
    restoreMocks: true,
    unstubGlobals: true,
    unstubEnvs: true,
  },
});
