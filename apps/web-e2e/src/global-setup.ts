import { clearArtifacts } from './page-checks';

/** Once per run, before every journey: the screenshots left are this run's, from every journey file. */
export default function setup(): void {
  clearArtifacts();
}
