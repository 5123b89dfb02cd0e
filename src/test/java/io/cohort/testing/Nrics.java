package io.cohort.testing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Valid, distinct NRIC numbers for tests.
 */
public final class Nrics {

	private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 5_000_000));

	private Nrics() {
	}

	public static String next() {
		String digits = String.format("%07d", NEXT.incrementAndGet() % 10_000_000);
		int[] weights = { 2, 7, 6, 5, 4, 3, 2 };
		int sum = 0;
		for (int i = 0; i < 7; i++) {
			sum += (digits.charAt(i) - '0') * weights[i];
		}
		return "S" + digits + "JZIHGFEDCBA".charAt(sum % 11);
	}

}
