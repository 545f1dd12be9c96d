// Lifecycle wording: states, actions, refusals, resolution codes.
export const domainMessages = {
  'refusal.already_claimed': { zh: '已被 {name} 认领', en: 'already claimed by {name}' },
} as const;
