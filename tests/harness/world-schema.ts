// A page with one Monaco editor on a world file and one policy model, for
// scripts/world-schema-browser.mjs: registerWorldSchema as the app loads it, in real Chromium.
import { monaco } from '../../src/ui/monaco/monaco';
import { registerWorldSchema } from '../../src/ui/monaco/world-schema';

const text = '{\n  "accounts": [{ "id": "12" }],\n  "user": []\n}';
await registerWorldSchema(monaco);
const model = monaco.editor.createModel(text, 'json', monaco.Uri.parse('file:///play.world.json'));
const policy = monaco.editor.createModel('{ "user": [] }', 'json', monaco.Uri.parse('file:///policy-1.json'));
const editor = monaco.editor.create(document.getElementById('editor')!, { model });
(window as unknown as { harness: unknown }).harness = { monaco, model, policy, editor };
