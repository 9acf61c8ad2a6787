import { describe, expect, it } from 'vitest';
import { fillUrlTemplate } from './fill-url-template.ts';

describe('fillUrlTemplate', () => {
  it('encodes every value so none can add query parameters or change the path', () => {
    expect(
      fillUrlTemplate('https://b.example/c?plan={plan}&account={accountId}', {
        plan: 'team',
        accountId: 'a&admin=1/../#x',
      }),
    ).toBe('https://b.example/c?plan=team&account=a%26admin%3D1%2F..%2F%23x');
  });

  it('drops unknown placeholders', () => {
    expect(fillUrlTemplate('/checkout?x={nope}&s={seats}', { seats: 12 })).toBe('/checkout?x=&s=12');
  });

  it('fills the same template afresh on every call, adjacent and repeated placeholders included', () => {
    const template = '{plan}{seats}/x?a={plan}&b=';
    expect(fillUrlTemplate(template, { plan: 'a b', seats: 1 })).toBe('a%20b1/x?a=a%20b&b=');
    expect(fillUrlTemplate(template, { plan: 'c', seats: 2 })).toBe('c2/x?a=c&b=');
    expect(fillUrlTemplate('https://b.example/plain', {})).toBe('https://b.example/plain');
  });
});
