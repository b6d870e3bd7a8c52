// `node tools/scripts/dispatch-cost.mjs`: the monthly cost and the upload-to-parsed latency of the two AWS parse
// dispatches (PARSER_DISPATCH=queue: SQS plus an ECS service scaled on backlog; =task: one Fargate RunTask per
// job) at 10, 1,000 and 100,000 invoices a month, printed as the Markdown table in docs/architecture.md.
// An estimate from published prices and stated assumptions, not a measurement: every figure it uses is a named
// constant below, with where it comes from, so a reader can change one and run it again.
// Money is counted in whole nano-dollars (integers), never in floating point.

/** US East (N. Virginia), Linux/x86, on demand: AWS Fargate pricing page (also quoted by vantage.sh, 2025). */
const FARGATE_NANO_USD_PER_VCPU_HOUR = 40_480_000;
const FARGATE_NANO_USD_PER_GB_HOUR = 4_445_000;
/** Fargate bills per second from the start of the image pull to the task's end, with a one-minute minimum. */
const FARGATE_MINIMUM_BILLED_SECONDS = 60;
/** SQS standard queue: $0.40 per million requests, the first million of each month free (SQS pricing page). */
const SQS_NANO_USD_PER_MILLION_REQUESTS = 400_000_000;
const SQS_FREE_REQUESTS_PER_MONTH = 1_000_000;
/** CloudWatch: $0.10 per standard-resolution alarm a month; the queue mode adds scale-out, scale-in and DLQ alarms. */
const CLOUDWATCH_NANO_USD_PER_ALARM_MONTH = 100_000_000;
const QUEUE_MODE_ALARMS = 3;

/** The parser task as tools/terraform/variables.tf sizes it by default (parser_cpu 1024, parser_memory_mib 2048). */
const TASK_VCPU = 1;
const TASK_MEMORY_GB = 2;

/**
 * Assumptions about this product's work, from docs/benchmarks.md: a text PDF page takes about 0.05 s on this
 * machine's cores, a scanned page about 1.6 s; an invoice of two pages with one in five scanned, plus the S3
 * reads and writes and the schema check, is taken as 2 s of one vCPU.
 */
const PARSE_SECONDS_PER_INVOICE = 2;
/** Image pull (the parser image with tesseract is about 400 MB) and interpreter start: billed, before any parse. */
const TASK_START_BILLED_SECONDS = 25;
/** Before the pull: placement and the task's network interface (ECS launch-time guide), not billed. */
const TASK_PROVISIONING_SECONDS = 20;
/** SQS sends its metrics to CloudWatch once a minute; the scale-out alarm needs one 60 s datapoint above zero. */
const SCALE_OUT_DELAY_SECONDS = 120;
/** The scale-in alarm waits this long with an empty queue before the service goes back to zero tasks. */
const SCALE_IN_IDLE_SECONDS = 600;
/** Each running worker long-polls with WaitTimeSeconds=20, so an idle poller makes three requests a minute. */
const IDLE_POLLS_PER_TASK_SECOND = 1 / 20;
/** Requests per parsed invoice in the queue mode: SendMessage, ReceiveMessage, two visibility extensions, DeleteMessage. */
const SQS_REQUESTS_PER_INVOICE = 5;

/**
 * How each volume arrives: invoices come in bursts (a delivery's paperwork scanned together). `burstSeconds`
 * is how long a burst keeps arriving; at 100,000 a month uploads arrive all through an 8-hour working day.
 */
const SCENARIOS = [
  { perMonth: 10, bursts: 10, burstSeconds: 0 },
  { perMonth: 1_000, bursts: 66, burstSeconds: 300 },
  { perMonth: 100_000, bursts: 22, burstSeconds: 8 * 3600 },
];

const taskNanoUsdPerHour = TASK_VCPU * FARGATE_NANO_USD_PER_VCPU_HOUR + TASK_MEMORY_GB * FARGATE_NANO_USD_PER_GB_HOUR;
const taskCost = (seconds) => Math.round((taskNanoUsdPerHour * seconds) / 3600);

function runTaskPerJob({ perMonth }) {
  const billedPerInvoice = Math.max(FARGATE_MINIMUM_BILLED_SECONDS, TASK_START_BILLED_SECONDS + PARSE_SECONDS_PER_INVOICE);
  const latency = TASK_PROVISIONING_SECONDS + TASK_START_BILLED_SECONDS + PARSE_SECONDS_PER_INVOICE;
  return { nanoUsd: perMonth * taskCost(billedPerInvoice), taskHours: (perMonth * billedPerInvoice) / 3600, firstLatency: latency, warmLatency: latency };
}

function queueAndService({ perMonth, bursts, burstSeconds }) {
  const perBurst = perMonth / bursts;
  // One task keeps up while a burst arrives unless the work outgrows the burst's length; then more tasks run.
  const workSeconds = perBurst * PARSE_SECONDS_PER_INVOICE;
  const busySeconds = Math.max(burstSeconds, workSeconds);
  const taskSecondsPerBurst = TASK_START_BILLED_SECONDS + busySeconds + SCALE_IN_IDLE_SECONDS;
  const taskSeconds = bursts * taskSecondsPerBurst;
  const requests = perMonth * SQS_REQUESTS_PER_INVOICE + Math.round(taskSeconds * IDLE_POLLS_PER_TASK_SECOND);
  const billableRequests = Math.max(0, requests - SQS_FREE_REQUESTS_PER_MONTH);
  const sqsNanoUsd = Math.round((billableRequests * SQS_NANO_USD_PER_MILLION_REQUESTS) / 1_000_000);
  const nanoUsd = taskCost(taskSeconds) + sqsNanoUsd + QUEUE_MODE_ALARMS * CLOUDWATCH_NANO_USD_PER_ALARM_MONTH;
  return {
    nanoUsd,
    taskHours: taskSeconds / 3600,
    firstLatency: SCALE_OUT_DELAY_SECONDS + TASK_PROVISIONING_SECONDS + TASK_START_BILLED_SECONDS + PARSE_SECONDS_PER_INVOICE,
    // A running worker's long poll returns as soon as the message is there.
    warmLatency: PARSE_SECONDS_PER_INVOICE + 1,
  };
}

const dollars = (nanoUsd) => `$${(nanoUsd / 1e9).toFixed(2)}`;
const seconds = (value) => (value >= 90 ? `${Math.round(value / 60)} min` : `${Math.round(value)} s`);

console.log('| invoices a month | dispatch | task-hours | cost a month | first invoice of a burst | others in the burst |');
console.log('|---|---|---|---|---|---|');
for (const scenario of SCENARIOS) {
  const rows = [
    ['RunTask per job (`task`)', runTaskPerJob(scenario)],
    ['queue + service (`queue`)', queueAndService(scenario)],
  ];
  for (const [name, figures] of rows) {
    console.log(
      `| ${scenario.perMonth.toLocaleString('en-US')} | ${name} | ${figures.taskHours.toFixed(1)} | ${dollars(figures.nanoUsd)} | ${seconds(figures.firstLatency)} | ${seconds(figures.warmLatency)} |`,
    );
  }
}
