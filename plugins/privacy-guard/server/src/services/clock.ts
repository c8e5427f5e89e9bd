/**
 * The server's notion of "now". Everything time-dependent (policy versions taking effect,
 * slots, retention) asks this service, so tests move time by setting it instead of sleeping.
 */
export default () => {
  let offsetMs = 0;
  let fixed: Date | null = null;
  return {
    now(): Date {
      return fixed ? new Date(fixed) : new Date(Date.now() + offsetMs);
    },
    /** Test hook: freeze the clock at an instant (or unfreeze with null). */
    set(instant: Date | null) {
      fixed = instant ? new Date(instant) : null;
    },
    /** Test hook: move the running clock by a number of milliseconds. */
    advance(ms: number) {
      if (fixed) fixed = new Date(fixed.getTime() + ms);
      else offsetMs += ms;
    },
    reset() {
      offsetMs = 0;
      fixed = null;
    },
  };
};
