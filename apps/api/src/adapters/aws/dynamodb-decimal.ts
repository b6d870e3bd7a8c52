import { ExactDecimal, formatDecimal } from '@invoice/inventory';

/**
 * DynamoDB numbers are exact decimals of up to 38 significant digits, sent and received as strings; they
 * never pass through a JS number here. What comes back may carry trailing zeros ("2.500"), so it is
 * normalised to the contracts' plain form.
 */
export function fromDynamoNumber(value: string | undefined): string {
  return formatDecimal(new ExactDecimal(value ?? '0'));
}
