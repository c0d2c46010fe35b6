import { describe, expect, it } from 'vitest';
import { contentOf, emptyForm, formOf, imageMarkdown, insertAt } from './questionForm';
import type { Question } from '../../api/types';

describe('question form', () => {
  it('sends lists one item per non-empty line and leaves out empty starter code and examples', () => {
    const content = contentOf({
      ...emptyForm,
      title: '  Two Sum ',
      topics: ['arrays'],
      description: 'Find two numbers.',
      constraints: '1 <= n <= 10^5\n\n  values fit in 32 bits  ',
      hints: 'Use a hash map',
      examples: [{ input: '[2,7] 9', output: '[0,1]', explanation: '' }, { input: '', output: '', explanation: '' }],
      starterCode: { python: 'def two_sum(nums, target):\n    pass', java: '', javascript: '  ', cpp: '' },
    });
    expect(content).toEqual({
      title: 'Two Sum',
      difficulty: 'Easy',
      topics: ['arrays'],
      description: 'Find two numbers.',
      examples: [{ input: '[2,7] 9', output: '[0,1]' }],
      constraints: ['1 <= n <= 10^5', 'values fit in 32 bits'],
      hints: ['Use a hash map'],
      starterCode: { python: 'def two_sum(nums, target):\n    pass' },
    });
  });

  it('round-trips a loaded question', () => {
    const q: Question = {
      id: 'q', slug: 'two-sum', version: 3, createdAt: '', updatedAt: '', title: 'Two Sum', difficulty: 'Medium', topics: ['arrays', 'hashing'],
      description: 'd', examples: [{ input: 'i', output: 'o', explanation: 'e' }], constraints: ['c1', 'c2'], hints: ['h'], starterCode: { java: 'class S {}' },
    };
    const content = contentOf(formOf(q));
    expect(content).toEqual({
      title: 'Two Sum', difficulty: 'Medium', topics: ['arrays', 'hashing'], description: 'd',
      examples: [{ input: 'i', output: 'o', explanation: 'e' }], constraints: ['c1', 'c2'], hints: ['h'], starterCode: { java: 'class S {}' },
    });
  });

  it('puts an uploaded image on its own line at the caret', () => {
    expect(insertAt('Intro text', 5, 5, '![x](/i/1)')).toEqual({ value: 'Intro\n![x](/i/1)\n text', caret: 17 });
    expect(insertAt('', 0, 0, '![x](/i/1)')).toEqual({ value: '![x](/i/1)\n', caret: 11 });
  });

  it('names the image after its file', () => {
    expect(imageMarkdown('rail-diagram_v2.png', '/question-service-api/images/1')).toBe('![rail diagram v2](/question-service-api/images/1)');
    expect(imageMarkdown('[x].gif', '/u')).toBe('![x](/u)');
  });
});
