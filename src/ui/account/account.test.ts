import { describe, expect, it } from 'vitest';
import { AccountModel } from './account.svelte';
import { addUser } from '../../world/edit';

describe('the account model', () => {
  it('undoes and redoes a change, and a new change clears what could be redone', () => {
    const m = new AccountModel();
    const account = m.world.accounts[0].id;
    const users = () => (m.world.users ?? []).map((u) => u.name);
    const start = users();
    m.apply('Added carol', (w) => addUser(w, account, 'carol'));
    expect(users()).toEqual([...start, 'carol']);
    expect(m.undo()).toBe('Added carol');
    expect(users()).toEqual(start);
    expect(m.redo()).toBe('Added carol');
    expect(users()).toEqual([...start, 'carol']);
    expect(m.redo()).toBeUndefined();
    m.undo();
    m.apply('Added dave', (w) => addUser(w, account, 'dave'));
    expect(m.redo()).toBeUndefined();
    expect(users()).toEqual([...start, 'dave']);
  });
});
