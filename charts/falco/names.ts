export const FALCO_NAMESPACE = 'falco';
/** Secret Falcosidekick reads its environment from: `SLACK_WEBHOOKURL` enables the Slack output. */
export const SIDEKICK_SECRET = 'falcosidekick-slack';
