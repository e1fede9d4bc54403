package io.blindspot.launcher.stack;

/** Stands in for a service jar in {@link ServiceProcessTest}: fails at once, or never becomes ready. */
public final class FakeService {
    private FakeService() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("starting fake service on port " + System.getProperty("quarkus.http.port"));
        if (Boolean.getBoolean("fake.hang")) {
            Thread.sleep(Long.MAX_VALUE);
        }
        System.out.println("boom: cannot connect to Kafka");
        System.exit(3);
    }
}
