package dev.bpfbook.runtime.format;

import java.util.Comparator;
import java.util.List;

/**
 * libstdc++'s std::sort (introsort: median-of-three quicksort down to runs of 16, heapsort past the depth
 * limit, then one insertion sort). bpftrace orders maps with it, and it is not stable, so entries with
 * equal values come out in an order only this exact algorithm reproduces.
 */
final class CxxSort {
    private static final int THRESHOLD = 16;

    private CxxSort() {}

    static <T> void sort(List<T> list, Comparator<? super T> cmp) {
        int n = list.size();
        if (n < 2) return;
        new Run<>(list, cmp).sort(n);
    }

    private record Run<T>(List<T> a, Comparator<? super T> cmp) {
        boolean less(T x, T y) {
            return cmp.compare(x, y) < 0;
        }

        boolean less(int i, int j) {
            return less(a.get(i), a.get(j));
        }

        void swap(int i, int j) {
            T t = a.get(i);
            a.set(i, a.get(j));
            a.set(j, t);
        }

        void sort(int n) {
            introsortLoop(0, n, 2 * (31 - Integer.numberOfLeadingZeros(n)));
            finalInsertionSort(0, n);
        }

        void introsortLoop(int first, int last, int depth) {
            while (last - first > THRESHOLD) {
                if (depth == 0) {
                    heapSort(first, last);
                    return;
                }
                depth--;
                int cut = partitionPivot(first, last);
                introsortLoop(cut, last, depth);
                last = cut;
            }
        }

        int partitionPivot(int first, int last) {
            int mid = first + (last - first) / 2;
            moveMedianToFirst(first, first + 1, mid, last - 1);
            return unguardedPartition(first + 1, last, first);
        }

        void moveMedianToFirst(int result, int x, int y, int z) {
            if (less(x, y)) {
                if (less(y, z)) swap(result, y);
                else if (less(x, z)) swap(result, z);
                else swap(result, x);
            } else if (less(x, z)) swap(result, x);
            else if (less(y, z)) swap(result, z);
            else swap(result, y);
        }

        int unguardedPartition(int first, int last, int pivot) {
            while (true) {
                while (less(first, pivot)) first++;
                last--;
                while (less(pivot, last)) last--;
                if (first >= last) return first;
                swap(first, last);
                first++;
            }
        }

        void finalInsertionSort(int first, int last) {
            if (last - first > THRESHOLD) {
                insertionSort(first, first + THRESHOLD);
                for (int i = first + THRESHOLD; i < last; i++) unguardedLinearInsert(i);
            } else {
                insertionSort(first, last);
            }
        }

        void insertionSort(int first, int last) {
            if (first == last) return;
            for (int i = first + 1; i < last; i++) {
                if (less(i, first)) {
                    T val = a.get(i);
                    for (int j = i; j > first; j--) a.set(j, a.get(j - 1));
                    a.set(first, val);
                } else {
                    unguardedLinearInsert(i);
                }
            }
        }

        void unguardedLinearInsert(int last) {
            T val = a.get(last);
            int next = last - 1;
            while (less(val, a.get(next))) {
                a.set(last, a.get(next));
                last = next;
                next--;
            }
            a.set(last, val);
        }

        // std::__partial_sort(first, last, last): make_heap then sort_heap.
        void heapSort(int first, int last) {
            int len = last - first;
            if (len >= 2) {
                for (int parent = (len - 2) / 2; ; parent--) {
                    adjustHeap(first, parent, len, a.get(first + parent));
                    if (parent == 0) break;
                }
            }
            while (last - first > 1) {
                last--;
                T val = a.get(last);
                a.set(last, a.get(first));
                adjustHeap(first, 0, last - first, val);
            }
        }

        void adjustHeap(int first, int hole, int len, T val) {
            int top = hole;
            int child = hole;
            while (child < (len - 1) / 2) {
                child = 2 * (child + 1);
                if (less(first + child, first + child - 1)) child--;
                a.set(first + hole, a.get(first + child));
                hole = child;
            }
            if ((len & 1) == 0 && child == (len - 2) / 2) {
                child = 2 * (child + 1);
                a.set(first + hole, a.get(first + child - 1));
                hole = child - 1;
            }
            int parent = (hole - 1) / 2;
            while (hole > top && less(a.get(first + parent), val)) {
                a.set(first + hole, a.get(first + parent));
                hole = parent;
                parent = (hole - 1) / 2;
            }
            a.set(first + hole, val);
        }
    }
}
