// Countdown to the next scheduled interview.
export function NextInterviewCard() {
  return null;
}
